package org.dhcpcluster.lease.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDK's unmodifiable lists ({@code List.of}, {@code List.copyOf}, {@code Stream.toList}),
 * which records here use for their list components. Kryo cannot instantiate their private
 * classes; this writes the size and each element (with its registered class) and reads back
 * an unmodifiable list.
 */
final class ImmutableListSerializer extends Serializer<List<?>> {

    ImmutableListSerializer() {
        setImmutable(true);
        setAcceptsNull(false);
    }

    @Override
    public void write(Kryo kryo, Output output, List<?> list) {
        output.writeVarInt(list.size(), true);
        for (Object element : list) {
            kryo.writeClassAndObject(output, element);
        }
    }

    @Override
    public List<?> read(Kryo kryo, Input input, Class<? extends List<?>> type) {
        int size = input.readVarInt(true);
        BoundedInput.requireAtMostRemaining(input, size, "a list");
        List<Object> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            elements.add(kryo.readClassAndObject(input));
        }
        return List.copyOf(elements);
    }

    /** The concrete classes behind the JDK's unmodifiable lists (two today: one for 0-2 elements' fast path, one general). */
    @SuppressWarnings("unchecked")
    static List<Class<List<?>>> implementations() {
        List<Class<List<?>>> classes = new ArrayList<>();
        for (List<?> sample : List.of(List.of(), List.of(1), List.of(1, 2, 3), java.util.stream.Stream.of(1).toList())) {
            Class<List<?>> c = (Class<List<?>>) sample.getClass();
            if (!classes.contains(c)) {
                classes.add(c);
            }
        }
        return classes;
    }
}
