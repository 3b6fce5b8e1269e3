package dev.blackbox.query.investigation;

import java.time.Instant;
import java.util.List;

/**
 * A suspected cause. {@code openSeconds} is how long it stayed open, from recording to being
 * ruled out or confirmed; null while it is still open.
 */
public record HypothesisView(
        String hypothesisId,
        String statement,
        String suspectedComponent,
        HypothesisStatus status,
        Instant recordedAt,
        String recordedBy,
        Instant closedAt,
        String closedBy,
        String evidence,
        Long openSeconds,
        List<ActionView> actions) {

    public HypothesisView {
        actions = List.copyOf(actions);
    }
}
