package dev.blackbox.query.timeline;

import java.util.List;

/** An incident's timeline ordered by when things happened, ties by sequence. */
public record TimelineView(String incidentId, List<TimelineEntryView> entries) {

    public TimelineView {
        entries = List.copyOf(entries);
    }
}
