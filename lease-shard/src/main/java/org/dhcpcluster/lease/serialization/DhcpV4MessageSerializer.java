package org.dhcpcluster.lease.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;

/**
 * A DHCPv4 message crosses nodes in its own wire format: the codec already is a compact,
 * versioned, tested serialization, and reusing it means one less format to keep stable.
 */
final class DhcpV4MessageSerializer extends Serializer<DhcpV4Message> {
    /** Wire messages over UDP can't exceed this; it only bounds the encoder's work. */
    private static final int MAX_PAYLOAD = 65_507;

    DhcpV4MessageSerializer() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, DhcpV4Message message) {
        byte[] wire = DhcpV4Codec.encode(message, MAX_PAYLOAD);
        output.writeVarInt(wire.length, true);
        output.writeBytes(wire);
    }

    @Override
    public DhcpV4Message read(Kryo kryo, Input input, Class<? extends DhcpV4Message> type) {
        byte[] wire = input.readBytes(input.readVarInt(true));
        try {
            return DhcpV4Codec.decode(wire);
        } catch (DecodeException e) {
            throw new KryoException("serialized DHCPv4 message does not decode: " + e.getMessage());
        }
    }
}
