package dev.blackbox.query.investigation;

import dev.blackbox.events.RootCauseCategory;

import java.time.Instant;

/** The current root cause: the identification that happened last in the world. */
public record RootCauseView(
        String summary,
        RootCauseCategory category,
        String hypothesisId,
        Instant identifiedAt,
        String identifiedBy) {
}
