package dev.blackbox.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * Whoever waits for the read models is woken by their commit: once per committed batch, never for
 * one rolled back, and a waiter returns when the commit comes, not at its timeout.
 */
class ReadModelCommitsTest {

    private final ReadModelCommits commits = new ReadModelCommits();

    @Test
    void aBatchOfSeveralEventsIsOneCommit() throws Exception {
        process(batch(3), () -> null);

        assertThat(commits.count()).isEqualTo(1);
    }

    @Test
    void aBatchRolledBackIsNoCommit() {
        assertThatThrownBy(() -> process(batch(2), () -> {
            throw new IllegalStateException("the read model's write failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(commits.count()).isZero();
    }

    @Test
    void aWaiterWakesAtTheCommitNotAtItsTimeout() throws Exception {
        long seen = commits.count();
        CompletableFuture<Long> woken = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            try {
                commits.awaitAfter(seen, Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return System.nanoTime() - start;
        });
        Thread.sleep(100);
        process(batch(1), () -> null);

        assertThat(woken.get(30, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(30).toNanos());
        assertThat(commits.count()).isEqualTo(seen + 1);
    }

    private static BatchingUnitOfWork<EventMessage<?>> batch(int events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            messages.add(GenericEventMessage.asEventMessage("event " + i));
        }
        return new BatchingUnitOfWork<>(messages);
    }

    /** Runs the batch as Axon's processors do: every event through the interceptor, then one commit. */
    private void process(BatchingUnitOfWork<EventMessage<?>> unitOfWork, Callable<Object> handler)
            throws Exception {
        ResultMessage<Object> result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(commits), message -> handler.call()).proceed());
        if (result.isExceptional()) {
            throw (Exception) result.exceptionResult();
        }
    }
}
