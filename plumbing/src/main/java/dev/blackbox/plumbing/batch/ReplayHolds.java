package dev.blackbox.plumbing.batch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToRetrieveIdentifierException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what a rebuild's batches collect ({@link ProcessorBatch}) across batches, and writes it about
 * every {@code eventsPerWrite} events of a segment instead of once per batch, sorted by incident
 * ({@code JdbcBatches}). A batch of a rebuild has events of as many incidents as it has events, so
 * written per batch every table keyed by incident takes rows all over its key range, and the
 * database rewrites most of its pages for every batch; written together, an incident's rows of many
 * batches land in a few pages once.
 * <p>
 * The rows held are not in the database, so neither is the token that passed them: while a segment
 * holds rows, its token is stored where its last write left it, and it moves with the rows when they
 * are written, in one transaction. Its claim is still extended, by the first batch of each hold and
 * then at most once per {@code claimExtension}: every extension is a write, so a batch that extended
 * its claim commits through the database's log, and a rebuild's batches are many and small. A
 * crash, a released claim or a new rebuild drops what is held, and the segment replays it again from
 * that token.
 * <p>
 * Every segment writes when the replay passes the same positions, each multiple of
 * {@code eventsPerWrite} times the processor's segment count: about {@code eventsPerWrite} events of
 * each segment when the incidents spread over them evenly, and never more than that many events in
 * all. The segments write at the same time because one that writes while the others handle events
 * holds them up: Axon's coordinator gives no work package more events once one of their queues is
 * full, and the writing segment's fills within about a thousand events, so the others would wait out
 * its write. The held rows are also written with the first batch
 * stored after the replay (the segment's token no longer a {@link ReplayToken}), or, for a segment
 * whose last events of the replay were other segments', by a writer that notices its replay ended.
 * Until then the rebuild is not done: {@link #holding()} and {@link #storedToken}.
 * <p>
 * Used as a handler interceptor of the processor, which makes it reachable from its batches, and as
 * the processor's token store ({@link #tokenStore}).
 */
public final class ReplayHolds implements MessageHandlerInterceptor<EventMessage<?>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplayHolds.class);
    private static final String RESOURCE = ReplayHolds.class.getName();
    private static final long WRITER_PERIOD_MILLIS = 50;

    private final String processorName;
    private final int eventsPerWrite;
    private final long claimExtensionNanos;
    private final IntPredicate replayEnded;
    private final TransactionManager transactions;
    private final String segmentKey;
    private final String tokenKey;
    private final Map<Integer, Hold> holds = new ConcurrentHashMap<>();
    /** The token each segment last stored, which is what a crash would resume it from. */
    private final Map<Integer, TrackingToken> stored = new ConcurrentHashMap<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "replay-holds-writer");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> writing;
    private volatile TokenStore delegate;

    /**
     * @param claimExtension how often at most a holding segment's claim is extended: well within the
     *                       token store's claim timeout
     * @param replayEnded    whether a segment of the processor is past its replay, as its status reports it
     * @param transactions   the processor's transactions, for the writer's
     */
    public ReplayHolds(String processorName, int eventsPerWrite, Duration claimExtension, IntPredicate replayEnded,
                       TransactionManager transactions) {
        if (eventsPerWrite < 1) {
            throw new IllegalArgumentException("eventsPerWrite must be at least 1, not " + eventsPerWrite);
        }
        this.processorName = processorName;
        this.eventsPerWrite = eventsPerWrite;
        this.claimExtensionNanos = claimExtension.toNanos();
        this.replayEnded = replayEnded;
        this.transactions = transactions;
        // The resources Axon's pooled processor gives each batch (WorkPackage).
        this.segmentKey = "Processor[" + processorName + "]/SegmentId";
        this.tokenKey = "Processor[" + processorName + "]/Token";
    }

    /** The processor's token store, {@code delegate}, storing a holding segment's token only with its rows. */
    public synchronized TokenStore tokenStore(TokenStore delegate) {
        this.delegate = delegate;
        return new HoldingTokenStore();
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        unitOfWork.resources().putIfAbsent(RESOURCE, this);
        return chain.proceed();
    }

    /** Whether some segment holds rows that are not written yet. */
    public boolean holding() {
        return !holds.isEmpty();
    }

    /** For a segment holding rows, the token it last stored: how far its read models are written. */
    public Optional<TrackingToken> storedToken(int segment) {
        return holds.containsKey(segment) ? Optional.ofNullable(stored.get(segment)) : Optional.empty();
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }

    /**
     * The state {@code batch} of the processor's unit of work {@code unitOfWork} collects into: its
     * segment's held state if it holds one or the batch replays, else empty (the batch's own).
     */
    static <S> Optional<S> heldState(UnitOfWork<?> unitOfWork, ProcessorBatch<S> batch, Supplier<S> start,
                                     Consumer<S> write) {
        return unitOfWork.resources().get(RESOURCE) instanceof ReplayHolds replayHolds
                ? replayHolds.state(unitOfWork, batch, start, write)
                : Optional.empty();
    }

    private <S> Optional<S> state(UnitOfWork<?> unitOfWork, ProcessorBatch<S> batch, Supplier<S> start,
                                  Consumer<S> write) {
        Hold hold = unitOfWork.getOrComputeResource(RESOURCE + "#hold", key -> join(unitOfWork));
        return hold == Hold.NONE ? Optional.empty() : Optional.of(hold.state(batch, start, write));
    }

    /** Once per unit of work: the segment's hold it joins, locked until the unit of work ends. */
    private Hold join(UnitOfWork<?> unitOfWork) {
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch)
                || !(unitOfWork.resources().get(segmentKey) instanceof Integer segment)) {
            return Hold.NONE;
        }
        boolean replaying = replaying((TrackingToken) unitOfWork.resources().get(tokenKey));
        while (true) {
            Hold hold = holds.get(segment);
            if (hold == null) {
                if (!replaying) {
                    return Hold.NONE;
                }
                hold = new Hold();
                hold.lock.lock();
                if (holds.putIfAbsent(segment, hold) != null) {
                    hold.lock.unlock();
                    continue;
                }
                startWriter();
            } else {
                hold.lock.lock();
                if (holds.get(segment) != hold) {
                    // Written by the writer, or dropped, while this batch waited for it.
                    hold.lock.unlock();
                    continue;
                }
            }
            Hold joined = hold;
            joined.lastToken = (TrackingToken) unitOfWork.resources().get(tokenKey);
            if (joined.writeAt < 0) {
                joined.writeAt = nextWrite(joined.lastToken);
            }
            unitOfWork.onRollback(rolledBack -> holds.remove(segment, joined));
            unitOfWork.onCleanup(done -> joined.lock.unlock());
            return joined;
        }
    }

    /**
     * Whether {@code token} is before the end of a replay. Axon keeps a token a {@link ReplayToken}
     * until an event stored after the reset is handled, so without new events a finished replay would
     * look unfinished forever; it ends at the position the stream had at the reset.
     */
    public static boolean replaying(TrackingToken token) {
        return token != null && WrappedToken.unwrap(token, ReplayToken.class)
                .filter(replay -> before(replay.position(), replay.getTokenAtReset() == null
                        ? OptionalLong.empty() : replay.getTokenAtReset().position()))
                .isPresent();
    }

    /** Whether a replay at {@code position} is before its end, the position {@code resetAt} the stream had at the reset. */
    public static boolean before(OptionalLong position, OptionalLong resetAt) {
        return position.isEmpty() || resetAt.isEmpty() || position.getAsLong() < resetAt.getAsLong();
    }

    /**
     * The position at which a hold whose first batch ended at {@code token} is written: the next
     * multiple of the positions that hold {@code eventsPerWrite} events of each segment.
     */
    private long nextWrite(TrackingToken token) {
        long span = (long) eventsPerWrite * Math.max(1, delegate.fetchSegments(processorName).length);
        return (token.position().orElse(0) / span + 1) * span;
    }

    /** Whether the hold is due to be written at {@code token}: past its position, or no longer replaying. */
    private static boolean due(Hold hold, TrackingToken token) {
        return !replaying(token) || token.position().orElse(Long.MAX_VALUE) >= hold.writeAt;
    }

    private synchronized void startWriter() {
        if (writing == null || writing.isDone()) {
            writing = writer.scheduleWithFixedDelay(this::writeEnded, WRITER_PERIOD_MILLIS, WRITER_PERIOD_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Writes the rows of each segment whose replay has ended without a batch of its own to write them
     * with: its last events of the replay were other segments', and its token is stored again only
     * when its claim is next extended. The token stored with them is that of the last batch they hold
     * (a status only tells a token without its replay); the segment stores its own later.
     */
    private void writeEnded() {
        holds.forEach((segment, hold) -> {
            if (!hold.lock.tryLock()) {
                return;
            }
            try {
                if (holds.get(segment) != hold || !replayEnded.test(segment)) {
                    return;
                }
                transactions.executeInTransaction(() -> {
                    hold.write();
                    delegate.storeToken(hold.lastToken, processorName, segment);
                });
                holds.remove(segment, hold);
                remember(segment, hold.lastToken);
            } catch (RuntimeException e) {
                log.warn("Writing the rows a rebuild held for segment {} of {} failed; trying again", segment,
                        processorName, e);
            } finally {
                hold.lock.unlock();
            }
        });
        synchronized (this) {
            if (holds.isEmpty()) {
                writing.cancel(false);
            }
        }
    }

    private TrackingToken remember(int segment, TrackingToken token) {
        if (token == null) {
            stored.remove(segment);
        } else {
            stored.put(segment, token);
        }
        return token;
    }

    /** What one segment holds: each batch's state, with the write it is due. */
    private static final class Hold {

        static final Hold NONE = new Hold();

        final ReentrantLock lock = new ReentrantLock();
        final Map<ProcessorBatch<?>, Runnable> writes = new LinkedHashMap<>();
        final Map<ProcessorBatch<?>, Object> states = new LinkedHashMap<>();
        /** The position at which it is written ({@link #nextWrite}), once its first batch has set it. */
        long writeAt = -1;
        TrackingToken lastToken;
        boolean claimExtended;
        long claimExtendedAt;

        @SuppressWarnings("unchecked")
        <S> S state(ProcessorBatch<S> batch, Supplier<S> start, Consumer<S> write) {
            return (S) states.computeIfAbsent(batch, key -> {
                S state = start.get();
                writes.put(batch, () -> write.accept(state));
                return state;
            });
        }

        void write() {
            writes.values().forEach(Runnable::run);
        }
    }

    /**
     * Stores a holding segment's token only together with its rows; drops what a segment holds when
     * its claim is released or taken (again), since its processing then resumes from the stored token.
     */
    private final class HoldingTokenStore implements TokenStore {

        @Override
        public void storeToken(TrackingToken token, String processor, int segment) throws UnableToClaimTokenException {
            Hold hold = holds.get(segment);
            if (hold != null) {
                hold.lock.lock();
                try {
                    if (holds.get(segment) == hold) {
                        if (!due(hold, token)) {
                            long now = System.nanoTime();
                            if (!hold.claimExtended || now - hold.claimExtendedAt >= claimExtensionNanos) {
                                delegate.extendClaim(processor, segment);
                                hold.claimExtended = true;
                                hold.claimExtendedAt = now;
                            }
                            return;
                        }
                        hold.write();
                        holds.remove(segment, hold);
                    }
                } finally {
                    hold.lock.unlock();
                }
            }
            delegate.storeToken(token, processor, segment);
            remember(segment, token);
        }

        @Override
        public TrackingToken fetchToken(String processor, int segment) throws UnableToClaimTokenException {
            drop(segment);
            return remember(segment, delegate.fetchToken(processor, segment));
        }

        @Override
        public TrackingToken fetchToken(String processor, Segment segment) throws UnableToClaimTokenException {
            drop(segment.getSegmentId());
            return remember(segment.getSegmentId(), delegate.fetchToken(processor, segment));
        }

        @Override
        public void releaseClaim(String processor, int segment) {
            drop(segment);
            delegate.releaseClaim(processor, segment);
        }

        @Override
        public void extendClaim(String processor, int segment) throws UnableToClaimTokenException {
            delegate.extendClaim(processor, segment);
        }

        @Override
        public void initializeTokenSegments(String processor, int segmentCount) throws UnableToClaimTokenException {
            delegate.initializeTokenSegments(processor, segmentCount);
        }

        @Override
        public void initializeTokenSegments(String processor, int segmentCount, TrackingToken initialToken)
                throws UnableToClaimTokenException {
            delegate.initializeTokenSegments(processor, segmentCount, initialToken);
        }

        @Override
        public void initializeSegment(TrackingToken token, String processor, int segment)
                throws UnableToInitializeTokenException {
            delegate.initializeSegment(token, processor, segment);
        }

        @Override
        public void deleteToken(String processor, int segment) throws UnableToClaimTokenException {
            drop(segment);
            delegate.deleteToken(processor, segment);
        }

        @Override
        public boolean requiresExplicitSegmentInitialization() {
            return delegate.requiresExplicitSegmentInitialization();
        }

        @Override
        public int[] fetchSegments(String processor) {
            return delegate.fetchSegments(processor);
        }

        @Override
        public List<Segment> fetchAvailableSegments(String processor) {
            return delegate.fetchAvailableSegments(processor);
        }

        @Override
        public Optional<String> retrieveStorageIdentifier() throws UnableToRetrieveIdentifierException {
            return delegate.retrieveStorageIdentifier();
        }

        private void drop(int segment) {
            Hold hold = holds.get(segment);
            if (hold != null) {
                hold.lock.lock();
                try {
                    holds.remove(segment, hold);
                } finally {
                    hold.lock.unlock();
                }
            }
        }
    }
}
