package org.dhcpcluster.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.dhcpcluster.lease.serialization.KryoSerializer;

/**
 * {@code cluster_payloads_refused_total}: messages from peers (or rows from the journal) that
 * the Kryo serializer refused as malformed, claiming more than they carry, or nested too deep.
 * Pekko drops each such message and keeps the connection; a rising count is an attack, a bug
 * or a node of an incompatible version.
 */
public final class RefusedPayloads {
    private RefusedPayloads() {
    }

    public static void register(MeterRegistry registry, ActorSystem<?> system) {
        KryoSerializer kryo = (KryoSerializer) SerializationExtension.get(Adapter.toClassic(system))
                .serializerByIdentity().apply(KryoSerializer.IDENTIFIER);
        FunctionCounter.builder("cluster_payloads_refused_total", kryo, KryoSerializer::refused)
                .description("serialized messages refused before use: malformed, oversized lengths or nesting too deep")
                .register(registry);
    }
}
