package dev.blackbox.query.subscriptions;

import dev.blackbox.plumbing.eventsource.StartTokens;
import dev.blackbox.plumbing.eventstore.EventsOnFile;
import dev.blackbox.plumbing.eventstore.OnFileStream;
import java.time.Instant;
import java.util.List;
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

    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final EventsOnFile onFile;
    private final Serializer serializer;

    SubscriptionTokens(StreamableMessageSource<TrackedEventMessage<?>> source, EventsOnFile onFile,
            Serializer serializer) {
        this.source = source;
        this.onFile = onFile;
        this.serializer = serializer;
    }

    /**
     * The store's events after {@code token}, each once it is on file: a webhook sent for an event a
     * crash then took back would name a fact that never was, and its place would go to another.
     */
    BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new OnFileStream(source.openStream(token), onFile);
    }

    /** The store's head, for a subscription starting now, with what is still committing below it as gaps. */
    TrackingToken head() {
        return StartTokens.withRecentGaps(source, source.createHeadToken());
    }

    TrackingToken beginning() {
        return source.createTailToken();
    }

    TrackingToken at(Instant instant) {
        return StartTokens.withRecentGaps(source, source.createTokenAt(instant));
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
                : StartTokens.withRecentGaps(source, GapAwareTrackingToken.newInstance(position - 1, List.of()));
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
