package dev.blackbox.query.replay;

import java.time.Duration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Tells whoever waits for the read models that a batch of theirs was committed: what it wrote, and
 * its token, are readable from that moment, so a waiter (a subscription waiting for a fact's entry, a
 * read waiting for its {@code minPosition}) looks again then instead of polling the database.
 * Registered on the read models' processor as a handler interceptor, which sees each batch's unit of
 * work. Batches another process commits (its segments of the read models) are not heard here, so a
 * waiter still looks again after a while of its own.
 */
public final class ReadModelCommits implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String REGISTERED = ReadModelCommits.class.getName();

    private long commits;

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        // Once per batch: each of its events passes here, but the batch commits once.
        unitOfWork.getOrComputeResource(REGISTERED, key -> {
            unitOfWork.afterCommit(committed -> committed());
            return Boolean.TRUE;
        });
        return chain.proceed();
    }

    /** How many batches were committed so far: read before looking, then {@link #awaitAfter} it. */
    public synchronized long count() {
        return commits;
    }

    /** Waits up to {@code wait} for a batch committed after the {@code seen}th. */
    public synchronized void awaitAfter(long seen, Duration wait) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        long left = wait.toNanos();
        while (commits == seen && left > 0) {
            wait(Math.max(1, left / 1_000_000));
            left = until - System.nanoTime();
        }
    }

    private synchronized void committed() {
        commits++;
        notifyAll();
    }
}
