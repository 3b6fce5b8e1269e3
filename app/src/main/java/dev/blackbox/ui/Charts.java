package dev.blackbox.ui;

import dev.blackbox.query.timeline.TimelineEntryView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The data of a chart as {@code /ui/blackbox.js} draws it with uPlot: x values (seconds since 1970, or
 * positions for named groups), labelled series and, for groups, their names.
 */
final class Charts {

    private Charts() {
    }

    record Series(String label, List<Double> values) {
    }

    record Chart(String kind, String unit, List<Long> x, List<String> names, List<Series> series) {
    }

    /** How the timeline filled up: the number of entries recorded by each moment. */
    static Chart timeline(List<TimelineEntryView> entries) {
        List<TimelineEntryView> sorted = entries.stream()
                .sorted(Comparator.comparing(TimelineEntryView::occurredAt)).toList();
        List<Long> x = new ArrayList<>();
        List<Double> count = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            x.add(sorted.get(i).occurredAt().getEpochSecond());
            count.add((double) (i + 1));
        }
        return new Chart("time", "entries", x, List.of(), List.of(new Series("Timeline entries", count)));
    }

    static Chart overTime(List<Long> x, List<Series> series) {
        return new Chart("time", "minutes", x, List.of(), series);
    }

    static Chart groups(List<String> names, List<Series> series) {
        List<Long> x = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            x.add((long) i);
        }
        return new Chart("bars", "minutes", x, names, series);
    }

}
