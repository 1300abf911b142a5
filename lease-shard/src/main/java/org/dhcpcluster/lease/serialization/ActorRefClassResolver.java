package org.dhcpcluster.lease.serialization;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Maps every implementation of the typed {@link ActorRef} interface (adapters, promise refs,
 * test probes...) to the one registration of {@code ActorRef} itself, so messages can carry
 * a {@code replyTo} with registration required and without naming Pekko's internal classes.
 */
final class ActorRefClassResolver extends DefaultClassResolver {
    @Override
    public Registration getRegistration(Class type) {
        Registration direct = super.getRegistration(type);
        if (direct == null && type != null && ActorRef.class.isAssignableFrom(type)) {
            return super.getRegistration(ActorRef.class);
        }
        return direct;
    }
}
