package dev.blackbox.plumbing.eventsource;

import java.util.List;
import java.util.Optional;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * Tokens to start reading at a point of the store (its head, an instant, a position) without
 * skipping what is still committing below that point. The JDBC store hands out a token at an index
 * with no gaps; an event whose transaction took a lower index and commits later is then never read.
 * Axon Server's tokens have no gaps: it orders events as they commit.
 */
public final class StartTokens {

    /**
     * How far below a start a transaction may still be in flight: more than the commands that can be
     * committing at once (one per database connection and alert source).
     */
    static final int GAP_WINDOW = 1_000;

    private StartTokens() {
    }

    /**
     * {@code token} with the indexes below it that no committed event holds yet as gaps, as a reader
     * that had come along the store would have them: read from a window below it up to its index.
     */
    public static TrackingToken withRecentGaps(StreamableMessageSource<TrackedEventMessage<?>> source,
            TrackingToken token) {
        if (!(token instanceof GapAwareTrackingToken gapless) || gapless.getIndex() <= 0) {
            return token;
        }
        long from = Math.max(0, gapless.getIndex() - GAP_WINDOW);
        TrackingToken read = from == 0 ? source.createTailToken() : GapAwareTrackingToken.newInstance(from, List.of());
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(read)) {
            Optional<TrackedEventMessage<?>> next = stream.peek();
            while (next.isPresent() && next.get().trackingToken().position().orElse(0) <= gapless.getIndex()) {
                read = stream.nextAvailable().trackingToken();
                next = stream.peek();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return token;
        }
        return read == null ? token : read;
    }
}
