package dev.blackbox.query.search;

import java.util.List;

/** The most similar earlier incidents, best first. */
public record SimilarIncidentsView(String incidentId, List<SimilarIncidentView> incidents) {

    public SimilarIncidentsView {
        incidents = List.copyOf(incidents);
    }
}
