package org.dhcpcluster.lease.partition;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.dispatch.ExecutionContexts;
import org.dhcpcluster.lease.concurrent.Stages;
import scala.concurrent.ExecutionContextExecutor;

/**
 * Asks a partition for a decision, and asks once more if it has not answered within
 * {@link #ASK_AGAIN_AFTER}.
 *
 * <p>A message on its way to a partition can be lost inside the cluster: a shard region drops
 * the messages it buffered for a shard that starts moving ("to avoid re-ordering"), and a node
 * that leaves drops what it had not delivered. The client would retransmit a DISCOVER or a
 * SELECTING REQUEST after 4 s, but a RENEWING client waits half its remaining time to T2 (RFC
 * 2131 section 4.4.5, at least 60 s), so a renewal lost in a shard move is a failed renewal.
 * Asking again costs nothing when the first ask arrived: the partition knows the transmission
 * (same transaction id, type, elapsed time and receive stamp) and answers the second ask as a
 * copy, with no second decision; that copy is ignored here while the first ask may still answer.
 */
public final class PartitionAsk {
    /** Below a client's first retransmission (RFC 2131 section 4.1: 4 s +-1), so it retries into a fresh ask. */
    public static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);

    /** A warm partition answers in milliseconds; one moving between nodes takes a second or more. */
    public static final Duration ASK_AGAIN_AFTER = Duration.ofMillis(1_200);

    /** The second ask is only a message send: it runs on the scheduler's thread. */
    private static final ExecutionContextExecutor ON_SCHEDULER = ExecutionContexts.fromExecutor(Stages.DIRECT);

    private PartitionAsk() {
    }

    /**
     * The partition's answer to {@code request}; fails (like an ask timing out) when neither ask
     * is answered within {@link #ASK_TIMEOUT} of the first.
     */
    public static CompletionStage<PartitionAnswer> ask(RecipientRef<PartitionEntity.Command> partition, PartitionRequest request,
                                                       Scheduler scheduler) {
        Outcome outcome = new Outcome();
        once(partition, request, ASK_TIMEOUT, scheduler).whenComplete(outcome::first);
        Cancellable again = scheduler.scheduleOnce(ASK_AGAIN_AFTER, () -> {
            if (!outcome.result.isDone()) {
                outcome.askedTwice();
                once(partition, request, ASK_TIMEOUT.minus(ASK_AGAIN_AFTER), scheduler).whenComplete(outcome::second);
            }
        }, ON_SCHEDULER);
        outcome.result.whenComplete((a, f) -> again.cancel());
        return outcome.result;
    }

    private static CompletableFuture<PartitionAnswer> once(RecipientRef<PartitionEntity.Command> partition, PartitionRequest request,
                                                           Duration timeout, Scheduler scheduler) {
        return Stages.plain(AskPattern.ask(partition, replyTo -> new PartitionEntity.Handle(request, replyTo), timeout, scheduler));
    }

    /**
     * Settles on the first real answer of either ask. A copy or a failure settles only once the
     * other ask has nothing better to give: the first ask's copy when it was never asked again,
     * else a copy from either over a failure.
     */
    private static final class Outcome {
        final CompletableFuture<PartitionAnswer> result = new CompletableFuture<>();
        private boolean twice;
        private int settled;
        private PartitionAnswer copy;
        private Throwable failure;

        synchronized void askedTwice() {
            twice = true;
        }

        synchronized void first(PartitionAnswer answer, Throwable f) {
            settle(answer, f, !twice);
        }

        synchronized void second(PartitionAnswer answer, Throwable f) {
            settle(answer, f, false);
        }

        private void settle(PartitionAnswer answer, Throwable f, boolean only) {
            settled++;
            if (answer != null && !answer.copy()) {
                result.complete(answer);
                return;
            }
            if (answer != null) {
                copy = answer;
            } else if (failure == null) {
                failure = f;
            }
            if (only || (twice && settled == 2)) {
                if (copy != null) {
                    result.complete(copy);
                } else {
                    result.completeExceptionally(failure);
                }
            }
        }
    }
}
