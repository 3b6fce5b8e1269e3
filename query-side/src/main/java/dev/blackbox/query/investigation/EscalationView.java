package dev.blackbox.query.investigation;

import java.time.Instant;

/** Someone pulled into the incident, when and why. */
public record EscalationView(String target, String reason, Instant escalatedAt, String escalatedBy) {
}
