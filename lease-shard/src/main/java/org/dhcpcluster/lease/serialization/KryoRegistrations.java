package org.dhcpcluster.lease.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed Kryo registration id of every class that is serialized. Ids are part of the
 * stored format: an id, once used for a persisted event or snapshot, is never reused or
 * moved, or stored leases stop deserializing after an upgrade
 * ({@code PersistedFormatTest} holds the bytes that prove it).
 *
 * <p>Each module contributes its classes through a {@link Contributor} named in
 * configuration, so lease-shard does not need to know node's messages.
 */
public final class KryoRegistrations {

    /** Adds registrations to a fresh Kryo. */
    public interface Contributor {
        void register(Registrar registrar);
    }

    /** Collects registrations so duplicate ids are refused at start, not discovered in production. */
    public static final class Registrar {
        private final Kryo kryo;
        private final List<Integer> used = new ArrayList<>();

        Registrar(Kryo kryo) {
            this.kryo = kryo;
        }

        public Registrar register(Class<?> type, int id) {
            claim(id, type);
            kryo.register(type, id);
            return this;
        }

        public <T> Registrar register(Class<T> type, Serializer<T> serializer, int id) {
            claim(id, type);
            kryo.register(type, serializer, id);
            return this;
        }

        private void claim(int id, Class<?> type) {
            if (id < 100) {
                throw new IllegalArgumentException("Kryo ids below 100 are reserved for Kryo's defaults: " + type + " -> " + id);
            }
            if (used.contains(id)) {
                throw new IllegalStateException("Kryo id " + id + " is registered twice (second: " + type.getName() + ")");
            }
            used.add(id);
        }

        public Kryo kryo() {
            return kryo;
        }
    }

    private KryoRegistrations() {
    }
}
