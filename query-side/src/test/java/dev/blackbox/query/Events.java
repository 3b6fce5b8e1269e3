package dev.blackbox.query;

import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.ActionTaken;
import dev.blackbox.events.ConclusionWritten;
import dev.blackbox.events.ContributingFactorIdentified;
import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.events.ContributingFactorWithdrawn;
import dev.blackbox.events.CorrectiveActionAdded;
import dev.blackbox.events.CorrectiveActionCompleted;
import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.events.HypothesisConfirmed;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.HypothesisRuledOut;
import dev.blackbox.events.ImpactAssessed;
import dev.blackbox.events.IncidentAcknowledged;
import dev.blackbox.events.IncidentEscalated;
import dev.blackbox.events.IncidentMitigated;
import dev.blackbox.events.IncidentReopened;
import dev.blackbox.events.IncidentResolved;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.RootCauseIdentified;
import dev.blackbox.events.Severity;
import dev.blackbox.events.SeverityChanged;

import java.time.Instant;
import java.util.List;

/** Terse event factories for one incident; times are "HH:mm" on 2024-01-24 or full ISO instants. */
public record Events(String incidentId) {

    public static final String DAY = "2024-01-24";

    public static Instant at(String time) {
        return Instant.parse(time.length() == 5 ? DAY + "T" + time + ":00Z" : time);
    }

    public IssueDetected detected(String time, Severity severity, String... services) {
        return detected(time, null, severity, false, services);
    }

    public IssueDetected detected(String time, String impactStartedAt, Severity severity, boolean drill,
                                  String... services) {
        return new IssueDetected(incidentId, at(time), "alert-bot", "Checkout is down", "Users see errors",
                severity, "monitoring", impactStartedAt == null ? null : at(impactStartedAt), List.of(services),
                50, drill);
    }

    public IncidentAcknowledged acknowledged(String time, String responder) {
        return new IncidentAcknowledged(incidentId, at(time), "pager", responder);
    }

    public IncidentEscalated escalated(String time, String target) {
        return new IncidentEscalated(incidentId, at(time), "oncall", target, "needs " + target);
    }

    public HypothesisRecorded hypothesis(String time, String hypothesisId, String statement) {
        return new HypothesisRecorded(incidentId, at(time), "oncall", hypothesisId, statement, "db");
    }

    public HypothesisRuledOut ruledOut(String time, String hypothesisId) {
        return new HypothesisRuledOut(incidentId, at(time), "oncall", hypothesisId, "evidence against " + hypothesisId);
    }

    public HypothesisConfirmed confirmed(String time, String hypothesisId) {
        return new HypothesisConfirmed(incidentId, at(time), "oncall", hypothesisId, "evidence for " + hypothesisId);
    }

    public ActionTaken action(String time, String actionId, ActionOutcome outcome, String hypothesisId) {
        return new ActionTaken(incidentId, at(time), "oncall", actionId, "did " + actionId, outcome, hypothesisId);
    }

    public ImpactAssessed impact(String time, Integer percent, String... services) {
        return new ImpactAssessed(incidentId, at(time), "oncall", percent, List.of(services), "impact at " + time);
    }

    public SeverityChanged severity(String time, Severity previous, Severity severity) {
        return new SeverityChanged(incidentId, at(time), "oncall", previous, severity, "re-graded");
    }

    public RootCauseIdentified rootCause(String time, String summary, RootCauseCategory category) {
        return new RootCauseIdentified(incidentId, at(time), "oncall", summary, category, null);
    }

    public IncidentMitigated mitigated(String time) {
        return new IncidentMitigated(incidentId, at(time), "oncall", "mitigated at " + time);
    }

    public IncidentResolved resolved(String time) {
        return new IncidentResolved(incidentId, at(time), "oncall", "resolved at " + time);
    }

    public IncidentReopened reopened(String time) {
        return new IncidentReopened(incidentId, at(time), "oncall", "it came back");
    }

    public CorrectiveActionAdded correctiveAction(String time, String id, CorrectiveActionKind kind, String owner,
                                                  String dueAt) {
        return new CorrectiveActionAdded(incidentId, at(time), "reviewer", id, "work " + id, kind, owner,
                dueAt == null ? null : at(dueAt));
    }

    public CorrectiveActionCompleted completed(String time, String id) {
        return new CorrectiveActionCompleted(incidentId, at(time), "reviewer", id);
    }

    public NoteAdded note(String time, String text) {
        return new NoteAdded(incidentId, at(time), "oncall", "n-" + time, text);
    }

    public ConclusionWritten conclusion(String time, String text) {
        return new ConclusionWritten(incidentId, at(time), "reviewer", text);
    }

    public ContributingFactorIdentified factor(String time, String factorId, ContributingFactorKind kind,
                                               RootCauseCategory category, String description) {
        return new ContributingFactorIdentified(incidentId, at(time), "reviewer", factorId, description, kind,
                category, null);
    }

    public ContributingFactorWithdrawn withdrawn(String time, String factorId) {
        return new ContributingFactorWithdrawn(incidentId, at(time), "reviewer", factorId, "not a factor after all");
    }
}
