package dev.blackbox.query.replay;

import dev.blackbox.plumbing.batch.ReplayHolds;
import java.util.Arrays;
import java.util.Collection;
import java.util.TreeSet;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.replay.ResetContext;
import org.axonframework.messaging.Message;

/**
 * The one processor all read models share, so that each event is read, deserialized and committed once
 * for all of them rather than once per read model.
 * A rebuild of one read model resets that processor with the rebuilt read models' names as Axon's
 * reset context; the others neither empty their tables nor see the replayed events again, and
 * events stored after the reset reach all of them.
 */
public final class ReadModelProcessor {

    /** The processing group of every read model. */
    public static final String PROCESSING_GROUP = "read-models";

    private ReadModelProcessor() {
    }

    /** The reset context that rebuilds {@code names}: the names, sorted and comma-separated. */
    static String resetContext(Collection<String> names) {
        return String.join(",", new TreeSet<>(names));
    }

    /** Whether a reset with {@code context} rebuilds read model {@code name}: Axon's own, without one, rebuilds all. */
    static boolean rebuilds(Object context, String name) {
        return !(context instanceof String names) || Arrays.asList(names.split(",")).contains(name);
    }

    /** Whether a segment is replaying: the rule of {@link ReplayHolds#replaying}, on a segment's status. */
    public static boolean replaying(EventTrackerStatus segment) {
        return segment.isReplaying() && ReplayHolds.before(segment.getCurrentPosition(), segment.getResetPosition());
    }

    /**
     * Whether {@code message} is a reset, or an event replayed by one, that leaves read model
     * {@code name} alone.
     */
    static boolean passesBy(Message<?> message, String name) {
        Object context;
        if (message instanceof ResetContext<?> reset) {
            context = reset.getPayload();
        } else if (message instanceof EventMessage<?> event && ReplayToken.isReplay(event)) {
            context = ReplayToken.replayContext(event, String.class).orElse(null);
        } else {
            return false;
        }
        return !rebuilds(context, name);
    }
}
