package dev.blackbox.query.postmortem;

import dev.blackbox.events.CorrectiveActionKind;

import java.time.Instant;

/** Follow-up work from the incident; done once {@code completedAt} is set. */
public record CorrectiveMeasureView(
        String correctiveActionId,
        CorrectiveActionKind kind,
        String description,
        String owner,
        Instant dueAt,
        boolean done,
        Instant completedAt,
        Instant addedAt,
        String addedBy) {
}
