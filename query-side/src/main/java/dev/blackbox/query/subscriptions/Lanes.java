package dev.blackbox.query.subscriptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A subscription's deliveries sent over a few requests at once: one incident's always go over the
 * same lane, one after the other, so they arrive in order; different incidents' do not wait for each
 * other. A delivery that answers false (the subscription must stop or read its row again) stops its
 * lane; the worker then stops all lanes before it reads on, so no older delivery overtakes a newer one.
 */
final class Lanes {

    /** One delivery; false when its lane must stop. */
    interface Delivery {
        boolean send() throws InterruptedException;
    }

    private final List<BlockingQueue<Delivery>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;
    private volatile RuntimeException broken;

    Lanes(int count, String name) {
        for (int lane = 0; lane < count; lane++) {
            BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
            Thread thread = new Thread(() -> run(queue), name + "-" + lane);
            thread.setDaemon(true);
            queues.add(queue);
            threads.add(thread);
            thread.start();
        }
    }

    void submit(String incidentId, Delivery delivery) {
        queues.get(Math.floorMod(incidentId.hashCode(), queues.size())).add(delivery);
    }

    private void run(BlockingQueue<Delivery> queue) {
        try {
            while (!stopped) {
                Delivery delivery = queue.poll(100, TimeUnit.MILLISECONDS);
                if (delivery != null && !delivery.send()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            broken = e;
        }
    }

    /** Throws what stopped a lane that failed (the database, say), so the worker starts over. */
    void check() {
        RuntimeException failure = broken;
        if (failure != null) {
            throw new IllegalStateException("a delivery lane failed", failure);
        }
    }

    /** Stops every lane, a request under way included, and waits for them: what they had not finished is sent again. */
    void stop() throws InterruptedException {
        stopped = true;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
