package dev.blackbox.plumbing.batch;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What one repository has collected during the batch of events its processor handles in one
 * transaction, written as a few JDBC batches when the batch commits instead of one statement per
 * event. A rebuild spends most of its time in H2 executing and committing those statements; per
 * batch, rows touched by several events are also written once.
 * <p>
 * Only an event processor's batch (a {@link BatchingUnitOfWork}) collects. Anywhere else, e.g. the
 * time-travel projections that run inside a query and read their rows back at once, or a test
 * handing events to a projection directly, {@link #current()} is empty and the repository writes
 * immediately. The collected writes run in the batch's prepare-commit phase, inside its
 * transaction and after its token was stored there: a failing write rolls the whole batch back with
 * its token, and a batch rolled back for any other reason writes nothing. A batch made with
 * {@link #afterCommit} hands what it collected on only once the batch is committed, for what must
 * not happen unless the rows are stored, such as telling readers about them.
 * <p>
 * On a processor with {@link ReplayHolds}, a rebuild's batches collect into state kept across
 * batches, written every so many events together with the token instead.
 *
 * @param <S> what the repository collects
 */
public final class ProcessorBatch<S> {

    private static final AtomicLong INSTANCES = new AtomicLong();

    private final String resourceKey = ProcessorBatch.class.getName() + "#" + INSTANCES.incrementAndGet();
    private final Supplier<S> start;
    private final Consumer<S> write;
    private final boolean afterCommit;

    /**
     * @param start creates the empty state of a batch, on the first write or read in it
     * @param write writes what the batch collected, when it commits
     */
    public ProcessorBatch(Supplier<S> start, Consumer<S> write) {
        this(start, write, false);
    }

    private ProcessorBatch(Supplier<S> start, Consumer<S> write, boolean afterCommit) {
        this.start = start;
        this.write = write;
        this.afterCommit = afterCommit;
    }

    /**
     * A batch whose collected state is handed to {@code then} after the batch is committed, outside
     * its transaction; a batch rolled back hands on nothing.
     */
    public static <S> ProcessorBatch<S> afterCommit(Supplier<S> start, Consumer<S> then) {
        return new ProcessorBatch<>(start, then, true);
    }

    /** The state of the batch being handled on this thread, or empty outside an event processor's batch. */
    public Optional<S> current() {
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch)) {
            return Optional.empty();
        }
        if (!afterCommit) {
            Optional<S> held = ReplayHolds.heldState(batch, this, start, write);
            if (held.isPresent()) {
                return held;
            }
        }
        return Optional.of(batch.getOrComputeResource(resourceKey, key -> {
            S state = start.get();
            if (afterCommit) {
                batch.afterCommit(committed -> write.accept(state));
            } else {
                batch.onPrepareCommit(committing -> write.accept(state));
            }
            return state;
        }));
    }

    /** Applies {@code change} to the current batch's state, or outside a batch to a fresh state written at once. */
    public void apply(Consumer<S> change) {
        current().ifPresentOrElse(change, () -> {
            S now = start.get();
            change.accept(now);
            write.accept(now);
        });
    }

    /**
     * Whether the event being handled on this thread is replayed by a rebuild. A replayed event reaches
     * only the read models being rebuilt, whose reset emptied their tables, so no row it writes is
     * stored yet, unless an earlier event of the same replay wrote that row.
     */
    public static boolean handlingReplayedEvent() {
        return CurrentUnitOfWork.isStarted() && ReplayToken.isReplay(CurrentUnitOfWork.get().getMessage());
    }

    /**
     * The aggregates the events of the batch being handled belong to, so a repository can load all
     * their rows in one query; empty outside an event processor's batch.
     */
    public static Set<String> aggregatesOfCurrentBatch() {
        Set<String> aggregates = new LinkedHashSet<>();
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch) {
            for (Message<?> message : batch.getMessages()) {
                if (message instanceof DomainEventMessage<?> event) {
                    aggregates.add(event.getAggregateIdentifier());
                }
            }
        }
        return aggregates;
    }
}
