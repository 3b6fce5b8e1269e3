package dev.blackbox.query.postmortem;

import dev.blackbox.query.incident.IncidentRepository;
import dev.blackbox.query.incident.IncidentStatus;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.investigation.HypothesisView;
import dev.blackbox.query.investigation.InvestigationRepository;
import dev.blackbox.query.investigation.InvestigationView;
import dev.blackbox.query.investigation.RootCauseView;
import dev.blackbox.query.metrics.MetricsRepository;
import dev.blackbox.query.timeline.TimelineEntryView;
import dev.blackbox.query.timeline.TimelineRepository;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assembles the postmortem from the read models when it is asked for, so it is always as fresh
 * as they are; nothing in it is stored as prose.
 */
@Component
public class PostmortemQueries {

    private final IncidentRepository incidents;
    private final TimelineRepository timelines;
    private final InvestigationRepository investigations;
    private final MetricsRepository metrics;
    private final PostmortemRepository postmortems;
    private final Clock clock;

    public PostmortemQueries(IncidentRepository incidents, TimelineRepository timelines,
                             InvestigationRepository investigations, MetricsRepository metrics,
                             PostmortemRepository postmortems, ObjectProvider<Clock> clock) {
        this.incidents = incidents;
        this.timelines = timelines;
        this.investigations = investigations;
        this.metrics = metrics;
        this.postmortems = postmortems;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /** {@code null} when unknown: callers ask for an optional answer, and an {@code Optional} cannot cross Axon Server. */
    @QueryHandler
    public PostmortemView handle(FindPostmortem query) {
        return incidents.findView(query.incidentId()).map(this::assemble).orElse(null);
    }

    private PostmortemView assemble(IncidentView incident) {
        Instant now = clock.instant();
        InvestigationView investigation = investigations.load(incident.incidentId());
        boolean resolved = incident.status() == IncidentStatus.RESOLVED;
        long durationSeconds = Duration.between(incident.impactStartedAt(), resolved ? incident.resolvedAt() : now)
                .toSeconds();
        IssueSummaryView summary = new IssueSummaryView(
                incident.impactStartedAt(),
                resolved ? incident.resolvedAt() : null,
                !resolved,
                durationSeconds,
                Wording.duration(durationSeconds),
                incident.detectedAt(),
                incident.detectedBy(),
                incident.acknowledgedAt(),
                incident.acknowledgedBy(),
                incident.description(),
                incident.impactDescription(),
                incident.userImpactPercent(),
                incident.affectedServices(),
                incident.severity(),
                incident.rootCause());
        return new PostmortemView(
                incident.incidentId(),
                incident.title(),
                !resolved,
                incident.drill(),
                incident.status(),
                incident.severity(),
                now,
                summary,
                byDay(timelines.entries(incident.incidentId())),
                investigation.misleadingPaths(),
                investigation.escalations(),
                rootCauseAndResolution(incident, investigation),
                investigation.standingFactors(),
                postmortems.correctiveActions(incident.incidentId()),
                metrics.findView(incident.incidentId()).orElse(null),
                postmortems.conclusion(incident.incidentId()).orElse(null),
                investigation.hypotheses());
    }

    private static RootCauseAndResolutionView rootCauseAndResolution(IncidentView incident,
                                                                     InvestigationView investigation) {
        RootCauseView rootCause = investigation.rootCause();
        Optional<HypothesisView> confirmed = Optional.ofNullable(rootCause)
                .map(RootCauseView::hypothesisId)
                .flatMap(id -> investigation.hypotheses().stream().filter(h -> id.equals(h.hypothesisId())).findFirst());
        return new RootCauseAndResolutionView(
                rootCause,
                confirmed.map(HypothesisView::statement).orElse(null),
                confirmed.map(HypothesisView::evidence).orElse(null),
                incident.mitigatedAt(),
                incident.mitigation(),
                incident.resolvedAt(),
                incident.resolution(),
                incident.reopenCount());
    }

    private static List<TimelineDayView> byDay(List<TimelineEntryView> entries) {
        Map<LocalDate, List<TimelineEntryView>> days = new LinkedHashMap<>();
        for (TimelineEntryView entry : entries) {
            days.computeIfAbsent(LocalDate.ofInstant(entry.occurredAt(), ZoneOffset.UTC), d -> new ArrayList<>())
                    .add(entry);
        }
        return days.entrySet().stream().map(e -> new TimelineDayView(e.getKey(), e.getValue())).toList();
    }
}
