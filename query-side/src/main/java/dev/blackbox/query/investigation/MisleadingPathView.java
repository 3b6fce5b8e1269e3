package dev.blackbox.query.investigation;

import dev.blackbox.events.ActionOutcome;

import java.time.Instant;

/**
 * A dead end: a ruled-out hypothesis (with the time it cost, recording to ruling out) or an
 * action that did nothing or made things worse (a single moment, so no cost is claimed).
 */
public record MisleadingPathView(
        Kind kind,
        String hypothesisId,
        String actionId,
        String description,
        String evidence,
        ActionOutcome outcome,
        Instant startedAt,
        Instant endedAt,
        String by,
        Long costSeconds) {

    public enum Kind {
        RULED_OUT_HYPOTHESIS, INEFFECTIVE_ACTION
    }
}
