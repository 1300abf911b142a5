package org.dhcpcluster.lease.serialization;

import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.JSerializer;

/**
 * A peer that lies: in place of the Kryo serializer (same id, so the receiver hands the bytes
 * to its Kryo serializer), it sends a {@link Crafted} message's bytes as they are and
 * everything else as the real serializer would.
 */
public final class CraftingSerializer extends JSerializer {
    /** Bytes to put on the wire verbatim. */
    public record Crafted(byte[] bytes) {
    }

    private final KryoSerializer honest;

    public CraftingSerializer(ExtendedActorSystem system) {
        this.honest = new KryoSerializer(system);
    }

    @Override
    public int identifier() {
        return KryoSerializer.IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    @Override
    public byte[] toBinary(Object o) {
        return o instanceof Crafted c ? c.bytes() : honest.toBinary(o);
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        return honest.fromBinaryJava(bytes, manifest);
    }
}
