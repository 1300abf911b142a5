package org.dhcpcluster.lease.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;

/** A typed ActorRef travels as its serialized path, resolved back on the receiving system. */
@SuppressWarnings("rawtypes")
final class TypedActorRefSerializer extends Serializer<ActorRef> {
    private final ActorRefResolver resolver;

    TypedActorRefSerializer(ActorRefResolver resolver) {
        this.resolver = resolver;
        setImmutable(true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void write(Kryo kryo, Output output, ActorRef ref) {
        output.writeString(resolver.toSerializationFormat(ref));
    }

    @Override
    public ActorRef read(Kryo kryo, Input input, Class<? extends ActorRef> type) {
        return resolver.resolveActorRef(input.readString());
    }
}
