package dev.blackbox.plumbing.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A command's position on Axon Server is the head read after it: sharing reads must never answer a
 * caller with a head read before its command was stored, or a read-your-writes query would not wait
 * for the command's events.
 */
class SharedReadsTest {

    private final AtomicLong head = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void aCallerWhoAsksDuringAReadIsAnsweredByALaterOne() throws Exception {
        CountDownLatch firstReadTaken = new CountDownLatch(1);
        CountDownLatch releaseFirstRead = new CountDownLatch(1);
        SharedReads shared = new SharedReads(() -> {
            long value = head.get();
            if (reads.incrementAndGet() == 1) {
                firstReadTaken.countDown();
                await(releaseFirstRead);
            }
            return value;
        });
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            head.set(1);
            Future<Long> first = callers.submit(shared::read);
            assertThat(firstReadTaken.await(10, TimeUnit.SECONDS)).isTrue();

            head.set(2);
            AtomicReference<Thread> secondCaller = new AtomicReference<>();
            Future<Long> second = callers.submit(() -> {
                secondCaller.set(Thread.currentThread());
                return shared.read();
            });
            awaitWaiting(secondCaller);
            releaseFirstRead.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(reads).hasValue(2);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void concurrentCallersShareReadsAndEachSeesItsOwnWrite() throws Exception {
        SharedReads shared = new SharedReads(() -> {
            reads.incrementAndGet();
            long value = head.get();
            sleep();
            return value;
        });
        int callers = 32;
        int callsEach = 50;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                outcomes.add(pool.submit(() -> {
                    for (int i = 0; i < callsEach; i++) {
                        long written = head.incrementAndGet();
                        if (shared.read() < written) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> outcome : outcomes) {
                assertThat(outcome.get(60, TimeUnit.SECONDS)).as("every answer covers its caller's write").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(reads.get()).as("reads for %d calls", callers * callsEach).isLessThan(callers * callsEach / 2);
    }

    @Test
    void aFailedReadFailsItsRoundOnlyAndTheNextCallerReadsAgain() {
        SharedReads shared = new SharedReads(() -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("Axon Server unreachable");
            }
            return 7;
        });

        assertThatThrownBy(shared::read).hasMessage("Axon Server unreachable");
        assertThat(shared.read()).isEqualTo(7);
    }

    private static void awaitWaiting(AtomicReference<Thread> caller) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread thread = caller.get();
            if (thread != null && thread.getState() == Thread.State.WAITING) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the second caller never waited for the read under way");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
