package dev.blackbox.query.subscriptions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Where in the event store a subscription reads: tokens of the source the read models read, kept as
 * the token store keeps them, and made from the positions command answers carry.
 */
final class SubscriptionTokens {

    /**
     * How far below a start a transaction may still be in flight: more than the commands that can be
     * committing at once (one per database connection and alert source).
     */
    static final int GAP_WINDOW = 1_000;

    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final Serializer serializer;

    SubscriptionTokens(StreamableMessageSource<TrackedEventMessage<?>> source, Serializer serializer) {
        this.source = source;
        this.serializer = serializer;
    }

    StreamableMessageSource<TrackedEventMessage<?>> source() {
        return source;
    }

    /** The store's head, for a subscription starting now: with the recent gaps, see {@link #withRecentGaps}. */
    TrackingToken head() {
        return withRecentGaps(source.createHeadToken());
    }

    TrackingToken beginning() {
        return source.createTailToken();
    }

    TrackingToken at(Instant instant) {
        return withRecentGaps(source.createTokenAt(instant));
    }

    /**
     * Just before {@code position}, so reading starts with the event there: a command answer's
     * position is that of the command's last event.
     */
    TrackingToken before(long position) {
        if (position <= 1) {
            return beginning();
        }
        return source.createHeadToken() instanceof GlobalSequenceTrackingToken
                ? new GlobalSequenceTrackingToken(position - 1)
                : withRecentGaps(GapAwareTrackingToken.newInstance(position - 1, List.of()));
    }

    /**
     * {@code token} with the indexes below it that no committed event holds yet as gaps, as a reader
     * that had come along the store would have them. The store hands out a token at an index without
     * gaps; an event whose transaction took a lower index and commits later would be skipped from it.
     * Axon Server's tokens have no gaps: it orders events as they commit.
     */
    private TrackingToken withRecentGaps(TrackingToken token) {
        if (!(token instanceof GapAwareTrackingToken gapless) || gapless.getIndex() <= 0) {
            return token;
        }
        long from = Math.max(0, gapless.getIndex() - GAP_WINDOW);
        TrackingToken read = from == 0 ? beginning() : GapAwareTrackingToken.newInstance(from, List.of());
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(read)) {
            Optional<TrackedEventMessage<?>> next = stream.peek();
            while (next.isPresent() && position(next.get().trackingToken()) <= gapless.getIndex()) {
                read = stream.nextAvailable().trackingToken();
                next = stream.peek();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return token;
        }
        return read == null ? token : read;
    }

    /** Whether {@code token} has the event at {@code position} behind it. */
    static boolean contains(TrackingToken token, long position) {
        if (token instanceof GapAwareTrackingToken gapAware) {
            return position <= gapAware.getIndex() && !gapAware.getGaps().contains(position);
        }
        return position <= position(token);
    }

    static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    /**
     * The store position of the event whose token is {@code token}, read right after the one whose
     * token is {@code previous}. Not simply {@code token}'s position: a gap-aware token counts the
     * highest index read so far, so an event that committed after a later one (it fills a gap) has
     * the later one's position there. Its own index is the gap it filled: the highest gap of
     * {@code previous} that {@code token} no longer has (lower ones may have been truncated with it).
     */
    static long positionOf(TrackingToken previous, TrackingToken token) {
        if (token instanceof GapAwareTrackingToken after && previous instanceof GapAwareTrackingToken before
                && after.getIndex() <= before.getIndex()) {
            long filled = 0;
            for (long gap : before.getGaps()) {
                if (!after.getGaps().contains(gap)) {
                    filled = gap;
                }
            }
            if (filled > 0) {
                return filled;
            }
        }
        return position(token);
    }

    SubscriptionRepository.Progress progress(TrackingToken token, Instant caughtUpAt) {
        if (token == null) {
            return new SubscriptionRepository.Progress(null, null, 0, caughtUpAt);
        }
        SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
        return new SubscriptionRepository.Progress(serialized.getData(), serialized.getType().getName(),
                position(token), caughtUpAt);
    }

    TrackingToken read(SubscriptionRow row) {
        return row.tokenData() == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(row.tokenData(), byte[].class, row.tokenType(), null));
    }
}
