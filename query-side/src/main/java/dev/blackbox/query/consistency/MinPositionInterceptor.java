package dev.blackbox.query.consistency;

import dev.blackbox.plumbing.positions.EventPositions;
import dev.blackbox.plumbing.positions.ProcessorPositions;
import dev.blackbox.plumbing.web.Problems;
import dev.blackbox.query.replay.ReadModelCommits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * {@code minPosition=<n>} on a read: it is answered once the read models have processed that
 * position of the event store (a command's {@code Blackbox-Position}), so a bot that just wrote
 * reads what it wrote. A read of one incident waits for that incident's part of the read models, a
 * list for all of them. Waits up to {@code blackbox.consistency.max-wait}, then answers 503. A position
 * the store has not reached is refused at once.
 */
class MinPositionInterceptor implements HandlerInterceptor {

    static final String PARAMETER = "minPosition";
    /**
     * The longest wait between two looks: this process hears its own read models' commits, but not
     * those of another query process holding some of their segments.
     */
    private static final long LOOK_AGAIN_NANOS = Duration.ofMillis(10).toNanos();

    private final ProcessorPositions positions;
    private final ReadModelCommits commits;
    private final Duration maxWait;
    private final EventPositions eventPositions;

    MinPositionInterceptor(ProcessorPositions positions, ReadModelCommits commits, Duration maxWait,
            EventPositions eventPositions) {
        this.positions = positions;
        this.commits = commits;
        this.maxWait = maxWait;
        this.eventPositions = eventPositions;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        String value = request.getParameter(PARAMETER);
        if (value == null || !"GET".equals(request.getMethod())) {
            return true;
        }
        long position = position(value);
        Optional<String> incidentId = Optional.ofNullable(incidentId(request));
        long deadline = System.nanoTime() + maxWait.toNanos();
        long seen = commits.count();
        if (positions.processed(position, incidentId)) {
            return true;
        }
        refuseBeyondTheStore(position);
        do {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw notYet(position);
            }
            commits.awaitAfter(seen, Duration.ofNanos(Math.min(left, LOOK_AGAIN_NANOS)));
            seen = commits.count();
        } while (!positions.processed(position, incidentId));
        return true;
    }

    /**
     * No answer of this store named a position beyond its last event ({@link EventPositions#head}): such
     * a position is from another installation or a store that was started over, and waiting for it
     * would hold a request thread for the whole wait, again at each retry.
     */
    private void refuseBeyondTheStore(long position) {
        long last = eventPositions.head();
        if (position > last) {
            throw Problems.refusal(HttpStatus.BAD_REQUEST, Problems.INVALID, PARAMETER + " " + position
                    + " is beyond the last event in the store (position " + last
                    + "); a position comes from a Blackbox-Position header of this installation");
        }
    }

    private static String incidentId(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? (String) map.get("incidentId") : null;
    }

    private static long position(String value) {
        long position;
        try {
            position = Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            position = -1;
        }
        if (position < 0) {
            throw Problems.refusal(HttpStatus.BAD_REQUEST, Problems.INVALID, PARAMETER
                    + " must be a position from a Blackbox-Position header (a whole number of 0 or more), not '"
                    + value + "'");
        }
        return position;
    }

    private ErrorResponseException notYet(long position) {
        return Problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "Not caught up yet",
                "the read models have not reached position " + position + " within " + maxWait.toMillis()
                        + " ms; retry the read");
    }
}
