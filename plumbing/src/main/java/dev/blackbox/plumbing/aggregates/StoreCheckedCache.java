package dev.blackbox.plumbing.aggregates;

import java.util.Objects;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * An aggregate cache for an event store that other processes append to as well: a cached aggregate
 * is handed out only while the store holds no later event of it than the copy has applied, which
 * one indexed query of the aggregate's last sequence number tells. A stale copy is dropped and the
 * aggregate loaded from the store, so the command is decided on every fact stored before it ran.
 *
 * <p>Without this check a stale copy that appends is still caught, as its append collides with the
 * other process's event on the sequence key and is retried on a fresh load. What that collision
 * cannot catch is a command the stale copy answers without appending: a refusal (ruling out a
 * hypothesis the other process recorded: "unknown hypothesis"), a request taken for a retry of
 * what the copy saw last, or an answer computed from the copy. Evicting and handling once more
 * only after a refusal would be cheaper, but would leave the other two wrong; the query costs less
 * than the snapshot and events it saves reading.
 *
 * <p>The query runs in the command's own transaction, so it sees the events of earlier commands of
 * the same group commit as well as every committed one. An event another process commits after
 * it is a concurrent command's, and an append on this copy still collides with it.
 */
public final class StoreCheckedCache implements Cache {

    private final Cache cached;
    private final EventStore store;

    public StoreCheckedCache(Cache cached, EventStore store) {
        this.cached = cached;
        this.store = store;
    }

    @Override
    public <K, V> V get(K key) {
        V value = cached.get(key);
        if (value instanceof AggregateCacheEntry<?> entry && !current(key.toString(), entry)) {
            cached.remove(key);
            return null;
        }
        return value;
    }

    private boolean current(String aggregateId, AggregateCacheEntry<?> entry) {
        // An entry that never left memory hands back the aggregate it was made from; the arguments
        // would only serve to rebuild one read back from a serialized copy, which this cache never holds.
        Long applied = entry.recreateAggregate(null, null, null, null).version();
        return Objects.equals(applied, store.lastSequenceNumberFor(aggregateId).orElse(null));
    }

    @Override
    public void put(Object key, Object value) {
        cached.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return cached.putIfAbsent(key, value);
    }

    @Override
    public boolean remove(Object key) {
        return cached.remove(key);
    }

    @Override
    public void removeAll() {
        cached.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return cached.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        return cached.registerCacheEntryListener(listener);
    }
}
