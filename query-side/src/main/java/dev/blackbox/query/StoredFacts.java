package dev.blackbox.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.blackbox.plumbing.batch.ProcessorBatch;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Facts a read model stores once and never changes, such as when a hypothesis was recorded,
 * remembered so that a later event that needs one does not ask the database, which costs a round
 * trip per event on a database server. A fact is remembered once the batch that stores it has
 * committed (at once outside a processor's batch). A caller looks in its own batch's state first,
 * then {@link #find}, which reads the table for a fact not remembered. During a rebuild whose rows
 * are held ({@code ReplayHolds}) a committed batch's facts may be remembered before their rows are
 * written, which is harmless for a fact that never changes (a replay after a crash stores the same
 * one); the other way round, a fact forgotten here may not be written yet, and only the held state,
 * which is the batch's own state, still has it.
 *
 * @param <K> what a fact is looked up by
 * @param <V> the fact
 */
public final class StoredFacts<K, V> {

    /**
     * How many facts are remembered, the least recently used forgotten first. A thousand incidents
     * worked on at once, with up to a hundred hypotheses each that may be ruled out long after they
     * were recorded, need them all: with fewer, a rebuild of such a store reads many back one query at
     * a time. A fact is a sentence or an instant and its key, so all of them take tens of megabytes
     * at most.
     */
    static final int REMEMBERED = 100_000;

    private final Cache<K, V> remembered = Caffeine.newBuilder().maximumSize(REMEMBERED).build();
    private final ProcessorBatch<Map<K, V>> committed = ProcessorBatch.afterCommit(HashMap::new, remembered::putAll);

    /** A fact the current batch stores, remembered once the batch has committed. */
    public void stored(K key, V value) {
        committed.apply(facts -> facts.put(key, value));
    }

    /** The remembered fact, or else the one {@code read} finds in the table, remembered from then on. */
    public Optional<V> find(K key, Function<K, Optional<V>> read) {
        V known = remembered.getIfPresent(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<V> stored = read.apply(key);
        stored.ifPresent(value -> remembered.put(key, value));
        return stored;
    }

    /** Forgets every fact, for a read model whose tables were emptied. */
    public void forgetAll() {
        remembered.invalidateAll();
    }
}
