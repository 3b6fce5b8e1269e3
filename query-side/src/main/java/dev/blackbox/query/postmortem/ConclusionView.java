package dev.blackbox.query.postmortem;

import java.time.Instant;

/** The human-written closing paragraph; the latest one written counts. */
public record ConclusionView(String text, Instant writtenAt, String writtenBy) {
}
