package dev.blackbox.query.investigation;

import dev.blackbox.events.ActionOutcome;

import java.time.Instant;

/** Something the responders did, with what it did to the outage. */
public record ActionView(
        String actionId,
        String description,
        ActionOutcome outcome,
        String hypothesisId,
        Instant takenAt,
        String takenBy) {
}
