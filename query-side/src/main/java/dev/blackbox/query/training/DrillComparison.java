package dev.blackbox.query.training;

import dev.blackbox.events.DrillRevealed;
import dev.blackbox.events.DrillSpeed;
import dev.blackbox.events.DrillStarted;
import dev.blackbox.query.investigation.HypothesisStatus;
import dev.blackbox.query.investigation.HypothesisView;
import dev.blackbox.query.investigation.InvestigationView;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares a drill's investigation with its source's. The drill incident also holds the original
 * team's hypotheses, replayed under their original ids; everything else on it is the trainees'.
 */
public final class DrillComparison {

    private DrillComparison() {
    }

    public static DrillReportView compare(DrillStarted started, DrillRevealed revealed, InvestigationView source,
                                          Long sourceTimeToRootCause, Instant drillDetectedAt,
                                          InvestigationView drill) {
        Set<String> sourceIds = source.hypotheses().stream().map(HypothesisView::hypothesisId)
                .collect(Collectors.toSet());
        List<HypothesisView> trainees = drill.hypotheses().stream()
                .filter(h -> !sourceIds.contains(h.hypothesisId()))
                .sorted(Comparator.comparing(HypothesisView::recordedAt))
                .toList();
        Set<String> suspectedByTrainees = trainees.stream().map(h -> component(h.suspectedComponent()))
                .filter(Objects::nonNull).collect(Collectors.toSet());
        Set<String> answer = source.hypotheses().stream()
                .filter(h -> h.status() == HypothesisStatus.CONFIRMED
                        || source.rootCause() != null && h.hypothesisId().equals(source.rootCause().hypothesisId()))
                .map(h -> component(h.suspectedComponent())).filter(Objects::nonNull).collect(Collectors.toSet());

        Long traineesTimeToAnswer = trainees.stream()
                .filter(h -> answer.contains(component(h.suspectedComponent())))
                .findFirst()
                .map(h -> drillDetectedAt == null ? null : Duration.between(drillDetectedAt, h.recordedAt()).toSeconds())
                .orElse(null);
        List<HypothesisView> ruledOut = source.hypotheses().stream()
                .filter(h -> h.status() == HypothesisStatus.RULED_OUT).toList();

        return new DrillReportView(
                started.drillId(), started.incidentId(), started.sourceIncidentId(), started.speed().label(),
                started.startedAt(), revealed == null ? null : revealed.revealedAt(),
                trainees.stream().anyMatch(h -> answer.contains(component(h.suspectedComponent()))),
                traineesTimeToAnswer,
                sourceTimeToRootCause,
                sourceTimeToRootCause == null || started.speed() == DrillSpeed.INSTANT ? null
                        : sourceTimeToRootCause / started.speed().factor(),
                trainees.stream().map(h -> new DrillReportView.TraineeHypothesis(h.hypothesisId(), h.statement(),
                        h.suspectedComponent(), h.recordedAt(), h.status().name(),
                        source.hypotheses().stream()
                                .filter(o -> Objects.equals(component(o.suspectedComponent()),
                                        component(h.suspectedComponent())) && component(o.suspectedComponent()) != null)
                                .map(HypothesisView::hypothesisId).toList())).toList(),
                source.hypotheses().stream().map(o -> new DrillReportView.OriginalHypothesis(o.hypothesisId(),
                        o.statement(), o.suspectedComponent(), o.status().name(),
                        suspectedByTrainees.contains(component(o.suspectedComponent())))).toList(),
                ruledOut.stream().filter(o -> suspectedByTrainees.contains(component(o.suspectedComponent())))
                        .map(HypothesisView::statement).toList(),
                ruledOut.stream().filter(o -> !suspectedByTrainees.contains(component(o.suspectedComponent())))
                        .map(HypothesisView::statement).toList());
    }

    private static String component(String suspectedComponent) {
        return suspectedComponent == null || suspectedComponent.isBlank() ? null
                : suspectedComponent.trim().toLowerCase(Locale.ROOT);
    }
}
