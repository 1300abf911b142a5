package org.dhcpcluster.lease.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import com.esotericsoftware.kryo.util.Pool;
import java.io.NotSerializableException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pekko serializer over Kryo for everything marked {@link KryoSerializable}. Registration is
 * required and ids are fixed ({@link KryoRegistrations}), so the bytes name their class by id,
 * carry no class names, and an unregistered class fails at the sender.
 *
 * <p>Kryo instances are not thread-safe; a pool lends one per call.
 *
 * <p>Bytes from a peer are untrusted: every length and count read is checked against the
 * bytes left ({@link BoundedInput}) and nesting is capped ({@link #MAX_DEPTH}), so a crafted
 * payload is refused, logged and counted ({@link #refused()}) instead of taking the heap or
 * the stack. Pekko drops the message and keeps the connection.
 */
public final class KryoSerializer extends JSerializer {
    /** Pekko serializer id; must be unique in the system and stable (it is stored with every event). */
    public static final int IDENTIFIER = 7341_04;

    /**
     * Deepest object nesting accepted. The deepest message here (a partition request in a
     * command, its answer's IA results and their lists) is under 10 levels; a crafted list of
     * lists of lists would otherwise recurse until the stack overflows, which is fatal.
     */
    static final int MAX_DEPTH = 32;

    private static final Logger log = LoggerFactory.getLogger(KryoSerializer.class);
    private final LongAdder refused = new LongAdder();

    private final Pool<Kryo> kryos;
    private final Pool<Output> outputs;

    public KryoSerializer(ExtendedActorSystem system) {
        List<String> contributors = system.settings().config().getStringList("dhcp.serialization.kryo-contributors");
        this.kryos = new Pool<>(true, false, 64) {
            @Override
            protected Kryo create() {
                // resolved on first use: the resolver extension must not be created while the
                // serialization extension itself is still starting
                return newKryo(ActorRefResolver.get(Adapter.toTyped(system)), contributors);
            }
        };
        this.outputs = new Pool<>(true, false, 64) {
            @Override
            protected Output create() {
                return new Output(512, -1);
            }
        };
    }

    static Kryo newKryo(ActorRefResolver resolver, List<String> contributorClasses) {
        Kryo kryo = new Kryo(new ActorRefClassResolver(), new MapReferenceResolver());
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.setMaxDepth(MAX_DEPTH);
        KryoRegistrations.Registrar registrar = new KryoRegistrations.Registrar(kryo);
        registrar.register(ActorRef.class, new TypedActorRefSerializer(resolver), 100);
        for (String name : contributorClasses) {
            try {
                KryoRegistrations.Contributor c = (KryoRegistrations.Contributor)
                        Class.forName(name).getDeclaredConstructor().newInstance();
                c.register(registrar);
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalStateException("dhcp.serialization.kryo-contributors: cannot use '" + name + "': " + e, e);
            }
        }
        return kryo;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    @Override
    public byte[] toBinary(Object o) {
        Kryo kryo = kryos.obtain();
        Output out = outputs.obtain();
        try {
            out.reset();
            kryo.writeClassAndObject(out, o);
            return out.toBytes();
        } catch (KryoException e) {
            throw new IllegalArgumentException("cannot serialize " + o.getClass().getName() + ": " + e.getMessage(), e);
        } finally {
            outputs.free(out);
            kryos.free(kryo);
        }
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        Kryo kryo = kryos.obtain();
        try {
            return kryo.readClassAndObject(new BoundedInput(bytes));
        } catch (RuntimeException e) {
            // Whatever Kryo or a constructor threw on these bytes, they are not a message of ours.
            // Kryo may keep its depth and graph state after a failed read: never lend it again.
            kryo = null;
            throw refuse(bytes.length, e);
        } finally {
            if (kryo != null) {
                kryos.free(kryo);
            }
        }
    }

    private IllegalArgumentException refuse(int length, RuntimeException e) {
        refused.increment();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = reason(e);
        log.warn("event=payload_refused reason={} bytes={} detail=\"{}\"", reason, length, firstLine(root));
        return new IllegalArgumentException(new NotSerializableException(
                "cannot deserialize " + length + " bytes (" + reason + "): " + firstLine(root)));
    }

    /** Kryo wraps what a nested serializer throws, with a trace of fields: look through the causes. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RefusedPayloadException r) {
                return r.reason();
            }
            if (t instanceof KryoException && String.valueOf(t.getMessage()).startsWith("Max depth exceeded")) {
                return "too_deep";
            }
        }
        return "malformed";
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).replace('"', '\'');
    }

    /** Payloads refused since this serializer started: malformed, oversized or nested too deep. */
    public long refused() {
        return refused.sum();
    }
}
