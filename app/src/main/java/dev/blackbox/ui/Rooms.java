package dev.blackbox.ui;

import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.events.NoteVisibility;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.Severity;
import dev.blackbox.query.incident.FindIncident;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.investigation.FindInvestigation;
import dev.blackbox.query.investigation.HypothesisStatus;
import dev.blackbox.query.investigation.HypothesisView;
import dev.blackbox.query.investigation.InvestigationView;
import dev.blackbox.query.metrics.FindIncidentMetrics;
import dev.blackbox.query.metrics.IncidentMetricsView;
import dev.blackbox.query.search.IncidentSearch;
import dev.blackbox.query.search.SimilarIncidentView;
import dev.blackbox.query.search.SimilarIncidentsView;
import dev.blackbox.query.timeline.FindTimeline;
import dev.blackbox.query.timeline.TimelineEntryView;
import dev.blackbox.query.timeline.TimelineView;
import dev.blackbox.query.timetravel.FindIncidentAsOf;
import dev.blackbox.query.timetravel.FindTimelineAsOf;
import dev.blackbox.query.timetravel.IncidentStateView;
import dev.blackbox.query.web.IncidentNotFoundException;
import dev.blackbox.query.web.Reads;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The incident room's model: the incident now, or as known at an instant, with its investigation,
 * timeline and time-to-X figures, and the earlier incidents most like it. Shared by the page and by a
 * refused form, which shows the room again.
 */
@Component
class Rooms {

    /** Enough for a responder to glance at while working; the API lists more. */
    private static final int SIMILAR_SHOWN = 3;

    private final Reads reads;
    private final IncidentSearch search;

    Rooms(Reads reads, IncidentSearch search) {
        this.reads = reads;
        this.search = search;
    }

    void fill(Model model, String incidentId, Instant asOf, FormErrors errors) {
        IncidentView incident;
        InvestigationView investigation;
        List<TimelineEntryView> entries;
        if (asOf != null) {
            IncidentStateView then = reads.optional(new FindIncidentAsOf(incidentId, asOf), IncidentStateView.class)
                    .orElseThrow(() -> new IncidentNotFoundException(incidentId, asOf));
            incident = then.incident();
            investigation = then.investigation();
            entries = reads.optional(new FindTimelineAsOf(incidentId, asOf), TimelineView.class)
                    .map(TimelineView::entries).orElse(List.of());
        } else {
            incident = reads.optional(new FindIncident(incidentId), IncidentView.class)
                    .orElseThrow(() -> new IncidentNotFoundException(incidentId));
            investigation = reads.one(new FindInvestigation(incidentId), InvestigationView.class);
            entries = reads.optional(new FindTimeline(incidentId), TimelineView.class)
                    .map(TimelineView::entries).orElse(List.of());
            model.addAttribute("figures", reads.optional(new FindIncidentMetrics(incidentId), IncidentMetricsView.class)
                    .map(Rooms::figures).orElse(Map.of()));
        }
        model.addAttribute("incident", incident);
        model.addAttribute("detectedAt", Formats.time(incident.detectedAt()));
        model.addAttribute("services", String.join(", ", incident.affectedServices()));
        model.addAttribute("asOf", asOf);
        model.addAttribute("asOfText", Formats.time(asOf));
        model.addAttribute("entries", entries.stream().map(EntryRow::of).toList());
        model.addAttribute("lastSequence", entries.stream().mapToLong(TimelineEntryView::sequence).max().orElse(-1));
        model.addAttribute("open", byStatus(investigation, HypothesisStatus.OPEN));
        model.addAttribute("ruledOut", byStatus(investigation, HypothesisStatus.RULED_OUT));
        model.addAttribute("confirmed", byStatus(investigation, HypothesisStatus.CONFIRMED));
        model.addAttribute("hypotheses", investigation.hypotheses());
        model.addAttribute("escalations", investigation.escalations());
        model.addAttribute("factors", investigation.contributingFactors());
        model.addAttribute("similar", asOf == null ? similar(incident) : List.of());
        // Before its detection an incident was not known at all.
        Instant first = incident.detectedAt();
        Instant last = incident.lastEventAt() != null && incident.lastEventAt().isAfter(first)
                ? incident.lastEventAt() : first;
        model.addAttribute("sliderMin", first.getEpochSecond());
        model.addAttribute("sliderMax", Math.max(last.getEpochSecond(), Instant.now().getEpochSecond()));
        model.addAttribute("sliderValue", asOf != null ? asOf.getEpochSecond() : Instant.now().getEpochSecond());
        // Each form load gets a key, so a form sent twice (a double click, a resent page) records once.
        model.addAttribute("key", UUID.randomUUID().toString());
        model.addAttribute("errors", errors);
        model.addAttribute("outcomes", ActionOutcome.values());
        model.addAttribute("severityChoices", Severity.values());
        model.addAttribute("categories", RootCauseCategory.values());
        model.addAttribute("kinds", CorrectiveActionKind.values());
        model.addAttribute("factorKinds", ContributingFactorKind.values());
        model.addAttribute("visibilities", NoteVisibility.values());
    }

    /** Past incidents like this one; none for a drill, whose similar incidents would name its source. */
    private List<SimilarCard> similar(IncidentView incident) {
        if (incident.drill()) {
            return List.of();
        }
        return search.similar(incident.incidentId(), false, SIMILAR_SHOWN)
                .map(SimilarIncidentsView::incidents).orElse(List.of())
                .stream().map(SimilarCard::of).toList();
    }

    private static List<HypothesisCard> byStatus(InvestigationView investigation, HypothesisStatus status) {
        return investigation.hypotheses().stream().filter(h -> h.status() == status).map(HypothesisCard::of).toList();
    }

    private static Map<String, String> figures(IncidentMetricsView metrics) {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("Time to detect", Formats.duration(metrics.timeToDetectSeconds()));
        figures.put("Time to acknowledge", Formats.duration(metrics.timeToAcknowledgeSeconds()));
        figures.put("Time to mitigate", Formats.duration(metrics.timeToMitigateSeconds()));
        figures.put("Time to resolve", Formats.duration(metrics.timeToResolveSeconds()));
        figures.put("Time to root cause", Formats.duration(metrics.timeToRootCauseSeconds()));
        figures.put("Time on misleading paths", Formats.duration(metrics.timeOnMisleadingPathsSeconds()));
        return figures;
    }

    /** A hypothesis on the investigation board, with its actions and how long it stayed (or is) open. */
    public record HypothesisCard(String hypothesisId, String statement, String suspectedComponent, String status,
                                 String recordedAt, String recordedBy, String evidence, String openFor,
                                 long recordedEpochMillis, List<String> actions) {

        static HypothesisCard of(HypothesisView hypothesis) {
            return new HypothesisCard(hypothesis.hypothesisId(), hypothesis.statement(),
                    hypothesis.suspectedComponent(), hypothesis.status().name(), Formats.time(hypothesis.recordedAt()),
                    hypothesis.recordedBy(), hypothesis.evidence(), Formats.duration(hypothesis.openSeconds()),
                    hypothesis.recordedAt().toEpochMilli(),
                    hypothesis.actions().stream()
                            .map(action -> action.description() + " (" + action.outcome() + ")").toList());
        }
    }

    /** An earlier incident like this one, as the room shows it: what they share and what it taught. */
    public record SimilarCard(String incidentId, String title, String shares, String rootCause,
                              String confirmedHypothesis, List<String> deadEnds) {

        static SimilarCard of(SimilarIncidentView similar) {
            SimilarIncidentView.SharedBy shared = similar.sharedBy();
            String shares = Stream.of(shared.services(), shared.components(), shared.labels(), shared.words())
                    .flatMap(List::stream).distinct().collect(Collectors.joining(", "));
            return new SimilarCard(similar.incidentId(), similar.title(), shares,
                    similar.rootCause() == null ? null : similar.rootCause().summary(),
                    similar.confirmedHypothesis(),
                    similar.deadEnds().stream().map(deadEnd -> deadEnd.costSeconds() == null ? deadEnd.description()
                            : deadEnd.description() + " (cost " + Formats.duration(deadEnd.costSeconds()) + ")").toList());
        }
    }
}
