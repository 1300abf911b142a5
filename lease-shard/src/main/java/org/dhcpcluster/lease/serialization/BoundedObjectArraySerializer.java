package org.dhcpcluster.lease.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.ObjectArraySerializer;

/**
 * Kryo's own serializer for arrays of objects ({@code byte[][]} in snapshots), whose bytes are
 * in the stored format and so stay exactly as they are; reading first checks the element count
 * (written as count + 1, 0 meaning null) against the bytes left, because the array is
 * allocated before any element is read.
 */
final class BoundedObjectArraySerializer extends ObjectArraySerializer {

    BoundedObjectArraySerializer(Kryo kryo, Class<?> type) {
        super(kryo, type);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // Kryo declares this method with a raw Class
    public Object[] read(Kryo kryo, Input input, Class type) {
        int start = input.position();
        int countPlusOne = input.readVarInt(true);
        if (countPlusOne != 0) {
            BoundedInput.requireAtMostRemaining(input, countPlusOne - 1L, "an array of " + type.getComponentType().getSimpleName());
        }
        input.setPosition(start);
        return super.read(kryo, input, type);
    }
}
