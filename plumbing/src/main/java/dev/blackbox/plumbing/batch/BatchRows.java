package dev.blackbox.plumbing.batch;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rows of a one-row-per-aggregate read model during a processor's batch: the rows of every aggregate
 * in the batch are loaded with one query when the first of them is asked for, the batch's events
 * change them in memory, and each changed row is written once when the batch commits, with the
 * parameters its last change would have written.
 *
 * @param <R> the mutable row
 */
public final class BatchRows<R> {

    /** A row and the statement parameters its latest change gave it. */
    public record Written<R>(R row, Map<String, Object> parameters) {
    }

    private final Map<String, Optional<R>> known = new HashMap<>();
    private final Map<String, Written<R>> inserted = new LinkedHashMap<>();
    private final Map<String, Written<R>> updated = new LinkedHashMap<>();
    private boolean batchLoaded;

    /**
     * The aggregate's row as the batch's earlier events left it.
     *
     * @param loadAll reads the rows of several aggregates, by id, leaving out those that have none
     * @param loadOne reads one aggregate's row, for an event of another aggregate that changes it
     */
    public Optional<R> find(String aggregateId, Function<Collection<String>, Map<String, R>> loadAll,
                            Function<String, Optional<R>> loadOne) {
        if (!batchLoaded) {
            batchLoaded = true;
            Collection<String> aggregates = ProcessorBatch.aggregatesOfCurrentBatch();
            Map<String, R> rows = aggregates.isEmpty() ? Map.of() : loadAll.apply(aggregates);
            aggregates.forEach(id -> known.put(id, Optional.ofNullable(rows.get(id))));
        }
        return known.computeIfAbsent(aggregateId, loadOne);
    }

    /** A row the batch creates. */
    public void insert(String aggregateId, R row, Map<String, Object> parameters) {
        known.put(aggregateId, Optional.of(row));
        inserted.put(aggregateId, new Written<>(row, parameters));
    }

    /**
     * A row the batch changed (the object {@link #find} answered, or an immutable row in its place);
     * written once, however often it changed.
     */
    public void update(String aggregateId, R row, Map<String, Object> parameters) {
        known.put(aggregateId, Optional.of(row));
        (inserted.containsKey(aggregateId) ? inserted : updated).put(aggregateId, new Written<>(row, parameters));
    }

    public Collection<Written<R>> inserted() {
        return inserted.values();
    }

    public Collection<Written<R>> updated() {
        return updated.values();
    }
}
