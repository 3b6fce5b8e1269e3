package dev.blackbox.query.timeline;

import java.time.Instant;

/**
 * One event as people read it. {@code sequence} is the event's position in the incident's
 * stream; it orders entries that happened at the same instant.
 */
public record TimelineEntryView(
        Instant occurredAt,
        TimelineEntryKind kind,
        String actor,
        String text,
        String hypothesisId,
        String actionId,
        String correctiveActionId,
        long sequence) {
}
