package dev.blackbox.query.postmortem;

import dev.blackbox.query.timeline.TimelineEntryView;

import java.time.LocalDate;
import java.util.List;

/** The timeline entries of one UTC day. */
public record TimelineDayView(LocalDate date, List<TimelineEntryView> entries) {

    public TimelineDayView {
        entries = List.copyOf(entries);
    }
}
