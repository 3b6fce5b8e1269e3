package dev.blackbox.query.training;

import java.time.Instant;
import java.util.List;

/**
 * How the trainees' investigation compares with the original team's. Hypotheses are matched by
 * their suspected component, the one thing both teams name the same way.
 *
 * @param traineesTimeToAnswerSeconds from the drill's detection to the trainees' first hypothesis on
 *                                    the component the original team confirmed; null if not yet found
 * @param originalTimeToRootCauseSeconds the original team's time from detection to root cause
 * @param originalTimeToRootCauseAtDrillSpeedSeconds the same, compressed by the drill's speed, i.e.
 *                                    what the trainees race against; null for instant drills
 */
public record DrillReportView(
        String drillId,
        String incidentId,
        String sourceIncidentId,
        String speed,
        Instant startedAt,
        Instant revealedAt,
        boolean answerFound,
        Long traineesTimeToAnswerSeconds,
        Long originalTimeToRootCauseSeconds,
        Long originalTimeToRootCauseAtDrillSpeedSeconds,
        List<TraineeHypothesis> traineeHypotheses,
        List<OriginalHypothesis> originalHypotheses,
        List<String> misleadingPathsRepeated,
        List<String> misleadingPathsAvoided) {

    /** A hypothesis the trainees recorded, and the original hypotheses it matches. */
    public record TraineeHypothesis(String hypothesisId, String statement, String suspectedComponent,
                                    Instant recordedAt, String status, List<String> matchesOriginal) {
    }

    /** A hypothesis of the original team, how it ended, and whether the trainees had it too. */
    public record OriginalHypothesis(String hypothesisId, String statement, String suspectedComponent,
                                     String outcome, boolean matchedByTrainees) {
    }
}
