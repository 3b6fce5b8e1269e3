package dev.blackbox.query.incident;

import java.util.List;

/** One page of incidents and how many match the filters in total. */
public record IncidentListView(List<IncidentView> incidents, long total) {

    public IncidentListView {
        incidents = List.copyOf(incidents);
    }
}
