package dev.blackbox.plumbing.aggregates;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
 *
 * <p>A copy that this transaction has itself appended to is handed out without the query, for the
 * rest of the transaction: a group commit often holds many commands of one busy incident. No other
 * process can commit a later event of it meanwhile: that process's copy would have to hold the event
 * this transaction appended, which it cannot see before the commit, or it appended that sequence
 * number itself, and then this transaction's append would have failed.
 */
public final class StoreCheckedCache implements Cache {

    private final Cache cached;
    private final EventStore store;

    public StoreCheckedCache(Cache cached, EventStore store) {
        this.cached = cached;
        this.store = store;
        store.registerDispatchInterceptor(events -> (index, event) -> {
            // Called as the command's unit of work stores its events; only once they are stored and
            // its savepoint released does this transaction hold them.
            if (event instanceof DomainEventMessage<?> domainEvent && CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork ->
                        appended(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber()));
            }
            return event;
        });
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
        Map<String, Long> appended = appendedInThisTransaction();
        if (applied != null && appended != null && applied.equals(appended.get(aggregateId))) {
            return true;
        }
        return Objects.equals(applied, store.lastSequenceNumberFor(aggregateId).orElse(null));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> appendedInThisTransaction() {
        return (Map<String, Long>) TransactionSynchronizationManager.getResource(this);
    }

    /**
     * Remembered until the transaction ends. After a command's own transaction (no group commit) has
     * committed there is nothing left to remember it in, and the next command asks the store.
     */
    private void appended(String aggregateId, long sequence) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Map<String, Long> appended = appendedInThisTransaction();
        if (appended == null) {
            appended = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, appended);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(StoreCheckedCache.this);
                }
            });
        }
        appended.put(aggregateId, sequence);
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
