package dev.blackbox.plumbing.batch;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rows of a one-row-per-aggregate read model during a processor's batch: the rows of the batch's
 * aggregates are loaded with one query when the first of them is asked for, the batch's events
 * change them in memory, and each changed row is written once when the batch commits, as its last
 * change left it. The repository turns a row into statement parameters only then, not at every
 * change.
 * <p>
 * A rebuild keeps this state across the processor's batches ({@link ReplayHolds}): each batch then
 * loads, in one query, those of its aggregates no earlier batch of the hold loaded or created.
 *
 * @param <R> the row: mutable, or an immutable row replaced at each change
 */
public final class BatchRows<R> {

    private final Map<String, Optional<R>> known = new HashMap<>();
    private final Map<String, R> inserted = new LinkedHashMap<>();
    private final Map<String, R> updated = new LinkedHashMap<>();
    /** The unit of work (a processor's batch) whose aggregates were loaded last. */
    private UnitOfWork<?> loadedFor;

    /**
     * The aggregate's row as the batch's earlier events left it.
     *
     * @param loadAll reads the rows of several aggregates, by id, leaving out those that have none
     * @param loadOne reads one aggregate's row, for an event of another aggregate that changes it
     */
    public Optional<R> find(String aggregateId, Function<Collection<String>, Map<String, R>> loadAll,
                            Function<String, Optional<R>> loadOne) {
        UnitOfWork<?> current = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null;
        if (current != loadedFor) {
            loadedFor = current;
            Collection<String> aggregates = ProcessorBatch.aggregatesOfCurrentBatch();
            aggregates.removeIf(known::containsKey);
            Map<String, R> rows = aggregates.isEmpty() ? Map.of() : loadAll.apply(aggregates);
            aggregates.forEach(id -> known.put(id, Optional.ofNullable(rows.get(id))));
        }
        return known.computeIfAbsent(aggregateId, loadOne);
    }

    /** A row the batch creates. */
    public void insert(String aggregateId, R row) {
        known.put(aggregateId, Optional.of(row));
        inserted.put(aggregateId, row);
    }

    /**
     * A row the batch changed (the object {@link #find} answered, or an immutable row in its place);
     * written once, however often it changed.
     */
    public void update(String aggregateId, R row) {
        known.put(aggregateId, Optional.of(row));
        (inserted.containsKey(aggregateId) ? inserted : updated).put(aggregateId, row);
    }

    /** The rows the batch created, by aggregate, in the order it created them. */
    public Map<String, R> inserted() {
        return Collections.unmodifiableMap(inserted);
    }

    /** The stored rows the batch changed, by aggregate, in the order it first changed them. */
    public Map<String, R> updated() {
        return Collections.unmodifiableMap(updated);
    }
}
