package dev.blackbox.query.search;

import dev.blackbox.query.investigation.RootCauseView;

import java.time.Instant;
import java.util.List;

/**
 * An earlier incident like this one: what they share, and what it taught: its root cause, the
 * hypothesis that was confirmed, the dead ends with the time each cost, and its corrective actions.
 */
public record SimilarIncidentView(
        String incidentId,
        String title,
        Instant detectedAt,
        String status,
        float score,
        SharedBy sharedBy,
        RootCauseView rootCause,
        String confirmedHypothesis,
        List<DeadEnd> deadEnds,
        List<CorrectiveAction> correctiveActions) {

    public SimilarIncidentView {
        deadEnds = List.copyOf(deadEnds);
        correctiveActions = List.copyOf(correctiveActions);
    }

    /** The services, suspected components, alert labels ({@code name=value}) and words both incidents have. */
    public record SharedBy(List<String> services, List<String> components, List<String> labels, List<String> words) {

        public SharedBy {
            services = List.copyOf(services);
            components = List.copyOf(components);
            labels = List.copyOf(labels);
            words = List.copyOf(words);
        }
    }

    /** A hypothesis ruled out ({@code costSeconds} from recording to ruling out) or an action without effect. */
    public record DeadEnd(String kind, String description, String evidence, Long costSeconds) {
    }

    public record CorrectiveAction(String description, String kind, boolean completed) {
    }
}
