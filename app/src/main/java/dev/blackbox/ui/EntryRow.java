package dev.blackbox.ui;

import dev.blackbox.query.timeline.TimelineEntryView;

/** A timeline entry as the room shows it; also rendered alone for the live stream. */
public record EntryRow(long sequence, String time, String isoTime, String kind, String actor, String text,
                String hypothesisId) {

    static EntryRow of(TimelineEntryView entry) {
        return new EntryRow(entry.sequence(), Formats.time(entry.occurredAt()), String.valueOf(entry.occurredAt()),
                entry.kind().name(), entry.actor(), entry.text(), entry.hypothesisId());
    }
}
