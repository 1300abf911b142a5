package org.dhcpcluster.lease.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import com.esotericsoftware.kryo.util.Pool;
import java.io.NotSerializableException;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;

/**
 * Pekko serializer over Kryo for everything marked {@link KryoSerializable}. Registration is
 * required and ids are fixed ({@link KryoRegistrations}), so the bytes name their class by id,
 * carry no class names, and an unregistered class fails at the sender.
 *
 * <p>Kryo instances are not thread-safe; a pool lends one per call.
 */
public final class KryoSerializer extends JSerializer {
    /** Pekko serializer id; must be unique in the system and stable (it is stored with every event). */
    public static final int IDENTIFIER = 7341_04;

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
            return kryo.readClassAndObject(new Input(bytes));
        } catch (KryoException e) {
            throw new IllegalArgumentException(new NotSerializableException(
                    "cannot deserialize " + bytes.length + " bytes: " + e.getMessage()));
        } finally {
            kryos.free(kryo);
        }
    }
}
