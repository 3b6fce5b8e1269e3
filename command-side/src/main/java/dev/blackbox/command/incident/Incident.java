package dev.blackbox.command.incident;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.blackbox.command.incident.RecordAlerts.Alert;
import dev.blackbox.events.ActionTaken;
import dev.blackbox.events.ConclusionWritten;
import dev.blackbox.events.ContributingFactorIdentified;
import dev.blackbox.events.ContributingFactorWithdrawn;
import dev.blackbox.events.CorrectiveActionAdded;
import dev.blackbox.events.CorrectiveActionCompleted;
import dev.blackbox.events.HypothesisConfirmed;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.HypothesisRuledOut;
import dev.blackbox.events.ImpactAssessed;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.events.IncidentAcknowledged;
import dev.blackbox.events.IncidentEscalated;
import dev.blackbox.events.IncidentMitigated;
import dev.blackbox.events.IncidentReopened;
import dev.blackbox.events.IncidentResolved;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.RootCauseIdentified;
import dev.blackbox.events.Severity;
import dev.blackbox.events.SeverityChanged;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One outage, from detection to its last corrective action. Decides which facts may be recorded
 * and recognises retried requests.
 *
 * <p>Retries: every command falls into a scope (the incident itself, one hypothesis, one action,
 * "the latest severity change", ...). The aggregate remembers the fingerprint of the latest request
 * that produced an event in each scope, and of each {@code Idempotency-Key}. A request identical to
 * that one is a retry: it is answered as before and records nothing. Fingerprints travel in the
 * events' metadata, so they survive restarts and snapshots.
 *
 * <p>Alerts: an alert router's notifications ({@link RecordAlerts}) become the same facts a responder
 * would record (detection, notes, impact, mitigation or resolution, reopening), each alert known by
 * the ids of the notes that record it, so nothing is recorded twice.
 *
 * <p>Revision 2 of its snapshots holds the fingerprints as a flat array ({@link ScopeFingerprints});
 * revision 3 added the times of mitigation and reopening and the affected services, revision 4 the
 * contributing factors, revision 5 keeps only the first {@link Fingerprint#KEPT_LENGTH} characters
 * of each fingerprint (events still carry them whole), revision 6 keeps a note's fingerprint beside
 * its id instead of a second time under a scope named after it. Axon skips a snapshot of another
 * revision and loads that incident from its events instead, so a process of the version before
 * never reads the newer ones.
 */
@Revision("6")
@Aggregate(snapshotTriggerDefinition = "incidentSnapshotTrigger", cache = "incidentCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Incident {

    /** How far ahead of the server's clock a sender's clock may run. */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

    private static final String KEY_SCOPE_PREFIX = "key:";

    /** What {@link #notes} holds for a note whose request is not known: imported or generated. */
    private static final String NO_FINGERPRINT = "";

    /** As many services as the command API takes in one request. */
    private static final int MAX_SERVICES = 100;

    enum Status { OPEN, MITIGATED, RESOLVED }

    enum Verdict { OPEN, RULED_OUT, CONFIRMED }

    record Hypothesis(Instant recordedAt, Verdict verdict) {
    }

    @AggregateIdentifier
    private String incidentId;
    private Instant detectedAt;
    private Instant impactStartedAt;
    private Instant resolvedAt;
    private Instant mitigatedAt;
    private Instant reopenedAt;
    private List<String> affectedServices = List.of();
    private Severity severity;
    private Status status;
    private Map<String, Hypothesis> hypotheses = new HashMap<>();
    private Set<String> actions = new HashSet<>();
    private Map<String, Boolean> correctiveActionsCompleted = new HashMap<>();
    private Map<String, Boolean> factorsWithdrawn = new HashMap<>();
    /**
     * Every note's id, with the fingerprint of the request that added it: a note is its own retry
     * scope. Most of a busy incident is notes, and its snapshot holds this whole map, so each id is
     * kept once here rather than also under a scope of its own in {@link #fingerprints}.
     */
    private ScopeFingerprints notes = new ScopeFingerprints();
    private ScopeFingerprints fingerprints = new ScopeFingerprints();

    Incident() {
        // required by Axon to rebuild from events and by Jackson to read snapshots
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DetectIssue command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "detect", key)) {
            return;
        }
        if (incidentId != null) {
            throw new RuleViolation(Rule.INCIDENT_ALREADY_EXISTS,
                    "incident " + command.incidentId() + " already exists with different details");
        }
        Instant at = occurredAt(command);
        Instant impactStart = command.impactStartedAt() != null ? command.impactStartedAt() : at;
        requireSince1970("impactStartedAt", impactStart);
        if (impactStart.isAfter(at)) {
            throw new RuleViolation(Rule.IMPACT_START_AFTER_DETECTION,
                    "impactStartedAt " + impactStart + " is after the detection at " + at);
        }
        apply(new IssueDetected(command.incidentId(), at, command.recordedBy(), command.title(),
                        command.description(), command.severity(),
                        command.detectedBy() != null ? command.detectedBy() : command.recordedBy(),
                        impactStart, command.affectedServices(), command.userImpactPercent(), command.drill()),
                metaData(command, key));
    }

    @CommandHandler
    void handle(AcknowledgeIncident command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        String responder = command.responder() != null ? command.responder() : command.recordedBy();
        if (isRetry(command, "acknowledge:" + responder, key)) {
            return;
        }
        requireNotResolved();
        apply(new IncidentAcknowledged(incidentId, occurredAfterImpact(command), command.recordedBy(), responder),
                metaData(command, key));
    }

    @CommandHandler
    void handle(Escalate command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "escalate:" + command.escalationTarget(), key)) {
            return;
        }
        requireNotResolved();
        apply(new IncidentEscalated(incidentId, occurredAfterImpact(command), command.recordedBy(),
                command.escalationTarget(), command.reason()), metaData(command, key));
    }

    @CommandHandler
    void handle(RecordHypothesis command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "hypothesis:" + command.hypothesisId(), key)) {
            return;
        }
        requireNotResolved();
        if (hypotheses.containsKey(command.hypothesisId())) {
            throw new RuleViolation(Rule.HYPOTHESIS_ALREADY_RECORDED,
                    "hypothesis " + command.hypothesisId() + " was already recorded with a different statement");
        }
        apply(new HypothesisRecorded(incidentId, occurredAfterImpact(command), command.recordedBy(),
                command.hypothesisId(), command.statement(), command.suspectedComponent()), metaData(command, key));
    }

    @CommandHandler
    void handle(RuleOutHypothesis command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "verdict:" + command.hypothesisId(), key)) {
            return;
        }
        requireNotResolved();
        Instant at = occurredAfterHypothesis(command, command.hypothesisId());
        apply(new HypothesisRuledOut(incidentId, at, command.recordedBy(), command.hypothesisId(),
                command.evidence()), metaData(command, key));
    }

    @CommandHandler
    void handle(ConfirmHypothesis command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "verdict:" + command.hypothesisId(), key)) {
            return;
        }
        requireNotResolved();
        Instant at = occurredAfterHypothesis(command, command.hypothesisId());
        apply(new HypothesisConfirmed(incidentId, at, command.recordedBy(), command.hypothesisId(),
                command.evidence()), metaData(command, key));
    }

    @CommandHandler
    void handle(RecordAction command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "action:" + command.actionId(), key)) {
            return;
        }
        requireNotResolved();
        if (actions.contains(command.actionId())) {
            throw new RuleViolation(Rule.ACTION_ALREADY_RECORDED,
                    "action " + command.actionId() + " was already recorded with different details");
        }
        if (command.hypothesisId() != null) {
            requireHypothesis(command.hypothesisId());
        }
        apply(new ActionTaken(incidentId, occurredAfterImpact(command), command.recordedBy(), command.actionId(),
                command.description(), command.outcome(), command.hypothesisId()), metaData(command, key));
    }

    @CommandHandler
    void handle(AssessImpact command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "impact", key)) {
            return;
        }
        requireNotResolved();
        apply(new ImpactAssessed(incidentId, occurredAfterImpact(command), command.recordedBy(),
                command.userImpactPercent(), command.affectedServices(), command.description()),
                metaData(command, key));
    }

    @CommandHandler
    void handle(ChangeSeverity command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "severity", key)) {
            return;
        }
        requireNotResolved();
        if (command.severity() == severity) {
            throw new RuleViolation(Rule.SEVERITY_UNCHANGED, "the incident is already " + severity);
        }
        apply(new SeverityChanged(incidentId, occurredAfterImpact(command), command.recordedBy(), severity,
                command.severity(), command.reason()), metaData(command, key));
    }

    /** Allowed after resolution: the root cause is often only understood while writing the postmortem. */
    @CommandHandler
    void handle(IdentifyRootCause command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "root-cause", key)) {
            return;
        }
        if (command.hypothesisId() != null
                && requireHypothesis(command.hypothesisId()).verdict() == Verdict.RULED_OUT) {
            throw new RuleViolation(Rule.HYPOTHESIS_ALREADY_RULED_OUT,
                    "hypothesis " + command.hypothesisId() + " was ruled out and cannot be the root cause");
        }
        apply(new RootCauseIdentified(incidentId, occurredAfterImpact(command), command.recordedBy(),
                command.summary(), command.category(), command.hypothesisId()), metaData(command, key));
    }

    @CommandHandler
    void handle(Mitigate command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "mitigate", key)) {
            return;
        }
        requireNotResolved();
        if (status == Status.MITIGATED) {
            throw new RuleViolation(Rule.ALREADY_MITIGATED, "the incident is already mitigated");
        }
        apply(new IncidentMitigated(incidentId, occurredAfterDetection(command), command.recordedBy(),
                command.description()), metaData(command, key));
    }

    @CommandHandler
    void handle(Resolve command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "resolve", key)) {
            return;
        }
        requireNotResolved();
        apply(new IncidentResolved(incidentId, occurredAfterDetection(command), command.recordedBy(),
                command.resolution()), metaData(command, key));
    }

    @CommandHandler
    void handle(Reopen command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "reopen", key)) {
            return;
        }
        if (status != Status.RESOLVED) {
            throw new RuleViolation(Rule.INCIDENT_NOT_RESOLVED, "only a resolved incident can be reopened");
        }
        Instant at = occurredAfterImpact(command);
        if (at.isBefore(resolvedAt)) {
            throw new RuleViolation(Rule.BEFORE_RESOLUTION,
                    "reopened at " + at + ", before the resolution at " + resolvedAt);
        }
        apply(new IncidentReopened(incidentId, at, command.recordedBy(), command.reason()), metaData(command, key));
    }

    @CommandHandler
    void handle(AddCorrectiveAction command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "corrective-action:" + command.correctiveActionId(), key)) {
            return;
        }
        if (correctiveActionsCompleted.containsKey(command.correctiveActionId())) {
            throw new RuleViolation(Rule.CORRECTIVE_ACTION_ALREADY_ADDED, "corrective action "
                    + command.correctiveActionId() + " was already added with different details");
        }
        apply(new CorrectiveActionAdded(incidentId, occurredAfterImpact(command), command.recordedBy(),
                command.correctiveActionId(), command.description(), command.kind(), command.owner(),
                command.dueAt()), metaData(command, key));
    }

    @CommandHandler
    void handle(CompleteCorrectiveAction command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "completion:" + command.correctiveActionId(), key)) {
            return;
        }
        Boolean completed = correctiveActionsCompleted.get(command.correctiveActionId());
        if (completed == null) {
            throw new RuleViolation(Rule.UNKNOWN_CORRECTIVE_ACTION,
                    "no corrective action " + command.correctiveActionId() + " on incident " + incidentId);
        }
        if (completed) {
            throw new RuleViolation(Rule.CORRECTIVE_ACTION_ALREADY_COMPLETED,
                    "corrective action " + command.correctiveActionId() + " is already completed");
        }
        apply(new CorrectiveActionCompleted(incidentId, occurredAfterImpact(command), command.recordedBy(),
                command.correctiveActionId()), metaData(command, key));
    }

    /** Allowed after resolution, like corrective actions: factors are mostly found in the review. */
    @CommandHandler
    void handle(IdentifyContributingFactor command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "factor:" + command.factorId(), key)) {
            return;
        }
        if (command.factorId() == null || command.kind() == null || command.description() == null
                || command.description().isBlank()) {
            throw new RuleViolation(Rule.INCOMPLETE_CONTRIBUTING_FACTOR,
                    "a contributing factor needs a factorId, a kind and a description");
        }
        if (factorsWithdrawn.containsKey(command.factorId())) {
            throw new RuleViolation(Rule.CONTRIBUTING_FACTOR_ALREADY_IDENTIFIED, "contributing factor "
                    + command.factorId() + " was already identified with different details");
        }
        if (command.hypothesisId() != null) {
            requireHypothesis(command.hypothesisId());
        }
        apply(new ContributingFactorIdentified(incidentId, occurredAfterImpact(command), command.recordedBy(),
                command.factorId(), command.description(), command.kind(), command.category(),
                command.hypothesisId()), metaData(command, key));
    }

    @CommandHandler
    void handle(WithdrawContributingFactor command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "factor-withdrawal:" + command.factorId(), key)) {
            return;
        }
        Boolean withdrawn = factorsWithdrawn.get(command.factorId());
        if (withdrawn == null) {
            throw new RuleViolation(Rule.UNKNOWN_CONTRIBUTING_FACTOR,
                    "no contributing factor " + command.factorId() + " on incident " + incidentId);
        }
        if (withdrawn) {
            throw new RuleViolation(Rule.CONTRIBUTING_FACTOR_ALREADY_WITHDRAWN,
                    "contributing factor " + command.factorId() + " is already withdrawn");
        }
        apply(new ContributingFactorWithdrawn(incidentId, occurredAfterImpact(command), command.recordedBy(),
                command.factorId(), command.reason()), metaData(command, key));
    }

    @CommandHandler
    void handle(AddNote command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, notes, command.noteId(), key)) {
            return;
        }
        if (notes.contains(command.noteId())) {
            throw new RuleViolation(Rule.NOTE_ALREADY_ADDED,
                    "note " + command.noteId() + " was already added with a different text");
        }
        apply(new NoteAdded(incidentId, occurredAfterImpact(command), command.recordedBy(), command.noteId(),
                command.text(), command.visibility(), command.labels()), metaData(command, key));
    }

    @CommandHandler
    void handle(WriteConclusion command, @MetaDataValue(RequestMetaData.IDEMPOTENCY_KEY) String key) {
        if (isRetry(command, "conclusion", key)) {
            return;
        }
        apply(new ConclusionWritten(incidentId, occurredAfterImpact(command), command.recordedBy(), command.text()),
                metaData(command, key));
    }

    /**
     * Records what a notification about a group of alerts says that the incident does not know yet,
     * in one unit of work. The first firing notification opens the incident. Once the incident has
     * been mitigated or resolved for longer than the reopen window, alerts that fire again belong to
     * the next incident: this one notes so and hands every later notification on.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    RecordAlerts.Outcome handle(RecordAlerts command) {
        List<Alert> firing = command.alerts().stream().filter(Alert::firing).toList();
        String by = command.recordedBy();
        if (incidentId == null) {
            if (firing.isEmpty()) {
                throw new RuleViolation(Rule.NO_FIRING_ALERTS,
                        "no alert of the group is firing and no incident holds the group");
            }
            Instant start = earliest(firing, Alert::startsAt);
            RecordAlerts.Detection detection = command.detection();
            record(new DetectIssue(command.incidentId(), start, by, detection.title(), detection.description(),
                    detection.severity(), detection.detectedBy(), start, detection.affectedServices(), null, false));
            firing.forEach(alert -> recordFiring(alert, by));
            return RecordAlerts.Outcome.RECORDED;
        }
        if (notes.contains(RecordAlerts.HANDED_ON_NOTE)) {
            return RecordAlerts.Outcome.NEXT_INCIDENT;
        }
        List<Alert> joining = firing.stream().filter(alert -> !notes.contains(alert.firingNoteId())).toList();
        if (!joining.isEmpty()) {
            Instant firstAgain = earliest(joining, Alert::startsAt);
            Instant quietSince = status == Status.RESOLVED ? resolvedAt : status == Status.MITIGATED ? mitigatedAt : null;
            if (quietSince != null && firstAgain.isAfter(quietSince.plus(command.reopenWindow()))) {
                record(new AddNote(incidentId, firstAgain, by, RecordAlerts.HANDED_ON_NOTE,
                        "Alert " + joining.get(0).name() + " fired again at " + firstAgain + ", more than "
                                + command.reopenWindow() + " after this incident was "
                                + status.name().toLowerCase(Locale.ROOT) + " at " + quietSince
                                + "; the group's alerts are recorded on incident " + command.nextIncidentId()));
                return RecordAlerts.Outcome.NEXT_INCIDENT;
            }
            if (status == Status.RESOLVED) {
                record(new Reopen(incidentId, latest(firstAgain, resolvedAt), by,
                        "Alert " + joining.get(0).name() + " is firing again"));
            }
            joining.forEach(alert -> recordFiring(alert, by));
            assessJoinedServices(joining, by);
        }
        List<Alert> known = command.alerts().stream().filter(alert -> notes.contains(alert.firingNoteId())).toList();
        for (Alert alert : known) {
            if (!alert.firing() && !notes.contains(alert.resolvedNoteId())) {
                record(new AddNote(incidentId, notBeforeImpact(alert.endsAt()), by, alert.resolvedNoteId(),
                        alert.resolvedText()));
            }
        }
        if (firing.isEmpty() && !known.isEmpty()) {
            allResolved(command.whenAllResolved(), latest(known, Alert::endsAt), known.size(), by);
        }
        return RecordAlerts.Outcome.RECORDED;
    }

    private void recordFiring(Alert alert, String by) {
        record(new AddNote(incidentId, notBeforeImpact(alert.startsAt()), by, alert.firingNoteId(), alert.firingText(),
                null, alert.labels()));
    }

    /** Alerts that join with services the incident did not list yet widen its impact. */
    private void assessJoinedServices(List<Alert> joining, String by) {
        Set<String> services = new LinkedHashSet<>(affectedServices);
        joining.stream().flatMap(alert -> alert.services().stream())
                .forEach(service -> {
                    if (services.size() < MAX_SERVICES) {
                        services.add(service);
                    }
                });
        List<String> added = services.stream().filter(service -> !affectedServices.contains(service)).toList();
        if (added.isEmpty()) {
            return;
        }
        record(new AssessImpact(incidentId, notBeforeImpact(latest(joining, Alert::startsAt)), by, null,
                new ArrayList<>(services), "Alerts joined for " + String.join(", ", added)));
    }

    /**
     * Every alert the notification lists has resolved. A notification older than the latest reopening
     * (a late redelivery) speaks of the phase before it and changes nothing.
     */
    private void allResolved(RecordAlerts.WhenAllResolved what, Instant lastEnd, int alerts, String by) {
        if (reopenedAt != null && lastEnd.isBefore(reopenedAt)) {
            return;
        }
        Instant at = latest(notBeforeImpact(lastEnd), detectedAt);
        String text = alerts == 1 ? "The alert resolved" : "All " + alerts + " alerts resolved";
        switch (what) {
            case MITIGATE -> {
                if (status == Status.OPEN) {
                    record(new Mitigate(incidentId, at, by, text));
                }
            }
            case RESOLVE -> {
                if (status != Status.RESOLVED) {
                    record(new Resolve(incidentId, at, by, text));
                }
            }
            case NOTE -> {
                String noteId = "alerts-resolved-" + at.getEpochSecond();
                if (!notes.contains(noteId)) {
                    record(new AddNote(incidentId, at, by, noteId, text + " at " + lastEnd));
                }
            }
        }
    }

    /** A time an alert router gives, moved up to the impact start: facts of the incident never precede it. */
    private Instant notBeforeImpact(Instant at) {
        return latest(at, impactStartedAt);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(List<Alert> alerts, Function<Alert, Instant> time) {
        return alerts.stream().map(time).min(Comparator.naturalOrder()).orElseThrow();
    }

    private static Instant latest(List<Alert> alerts, Function<Alert, Instant> time) {
        return alerts.stream().map(time).max(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * Replays imported facts through the same rules as live commands, in one unit of work: either
     * the whole history is recorded or, at the first fact that breaks a rule, none of it.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ImportIncident command) {
        if (incidentId != null) {
            throw new RuleViolation(Rule.INCIDENT_ALREADY_EXISTS, "incident " + command.incidentId() + " already exists");
        }
        if (command.events().isEmpty() || !(command.events().get(0) instanceof IssueDetected)) {
            throw new RuleViolation(Rule.HISTORY_MUST_START_WITH_DETECTION,
                    "an incident's history must start with IssueDetected");
        }
        for (IncidentEvent event : command.events()) {
            record(IncidentHistory.commandFor(event, command.incidentId(), event.occurredAt()));
        }
    }

    private void record(IncidentCommand command) {
        if (command instanceof DetectIssue c) {
            handle(c, null);
        } else if (command instanceof AcknowledgeIncident c) {
            handle(c, null);
        } else if (command instanceof Escalate c) {
            handle(c, null);
        } else if (command instanceof RecordHypothesis c) {
            handle(c, null);
        } else if (command instanceof RuleOutHypothesis c) {
            handle(c, null);
        } else if (command instanceof ConfirmHypothesis c) {
            handle(c, null);
        } else if (command instanceof RecordAction c) {
            handle(c, null);
        } else if (command instanceof AssessImpact c) {
            handle(c, null);
        } else if (command instanceof ChangeSeverity c) {
            handle(c, null);
        } else if (command instanceof IdentifyRootCause c) {
            handle(c, null);
        } else if (command instanceof Mitigate c) {
            handle(c, null);
        } else if (command instanceof Resolve c) {
            handle(c, null);
        } else if (command instanceof Reopen c) {
            handle(c, null);
        } else if (command instanceof AddCorrectiveAction c) {
            handle(c, null);
        } else if (command instanceof CompleteCorrectiveAction c) {
            handle(c, null);
        } else if (command instanceof AddNote c) {
            handle(c, null);
        } else if (command instanceof WriteConclusion c) {
            handle(c, null);
        } else if (command instanceof IdentifyContributingFactor c) {
            handle(c, null);
        } else if (command instanceof WithdrawContributingFactor c) {
            handle(c, null);
        } else {
            throw new IllegalArgumentException("no handler records " + command.getClass().getSimpleName());
        }
    }

    @EventSourcingHandler
    void on(IssueDetected event, MetaData metaData) {
        incidentId = event.incidentId();
        detectedAt = event.occurredAt();
        impactStartedAt = event.impactStartedAt();
        affectedServices = event.affectedServices();
        severity = event.severity();
        status = Status.OPEN;
        remember("detect", metaData);
    }

    @EventSourcingHandler
    void on(IncidentAcknowledged event, MetaData metaData) {
        remember("acknowledge:" + event.responder(), metaData);
    }

    @EventSourcingHandler
    void on(IncidentEscalated event, MetaData metaData) {
        remember("escalate:" + event.escalationTarget(), metaData);
    }

    @EventSourcingHandler
    void on(HypothesisRecorded event, MetaData metaData) {
        hypotheses.put(event.hypothesisId(), new Hypothesis(event.occurredAt(), Verdict.OPEN));
        remember("hypothesis:" + event.hypothesisId(), metaData);
    }

    @EventSourcingHandler
    void on(HypothesisRuledOut event, MetaData metaData) {
        hypotheses.computeIfPresent(event.hypothesisId(), (id, h) -> new Hypothesis(h.recordedAt(), Verdict.RULED_OUT));
        remember("verdict:" + event.hypothesisId(), metaData);
    }

    @EventSourcingHandler
    void on(HypothesisConfirmed event, MetaData metaData) {
        hypotheses.computeIfPresent(event.hypothesisId(), (id, h) -> new Hypothesis(h.recordedAt(), Verdict.CONFIRMED));
        remember("verdict:" + event.hypothesisId(), metaData);
    }

    @EventSourcingHandler
    void on(ActionTaken event, MetaData metaData) {
        actions.add(event.actionId());
        remember("action:" + event.actionId(), metaData);
    }

    @EventSourcingHandler
    void on(ImpactAssessed event, MetaData metaData) {
        if (!event.affectedServices().isEmpty()) {
            affectedServices = event.affectedServices();
        }
        remember("impact", metaData);
    }

    @EventSourcingHandler
    void on(SeverityChanged event, MetaData metaData) {
        severity = event.severity();
        remember("severity", metaData);
    }

    @EventSourcingHandler
    void on(RootCauseIdentified event, MetaData metaData) {
        remember("root-cause", metaData);
    }

    @EventSourcingHandler
    void on(IncidentMitigated event, MetaData metaData) {
        status = Status.MITIGATED;
        mitigatedAt = event.occurredAt();
        remember("mitigate", metaData);
    }

    @EventSourcingHandler
    void on(IncidentResolved event, MetaData metaData) {
        status = Status.RESOLVED;
        resolvedAt = event.occurredAt();
        fingerprints.remove("reopen");
        remember("resolve", metaData);
    }

    @EventSourcingHandler
    void on(IncidentReopened event, MetaData metaData) {
        status = Status.OPEN;
        reopenedAt = event.occurredAt();
        // A second outage phase may be mitigated and resolved with the same words as the first.
        fingerprints.remove("mitigate");
        fingerprints.remove("resolve");
        remember("reopen", metaData);
    }

    @EventSourcingHandler
    void on(CorrectiveActionAdded event, MetaData metaData) {
        correctiveActionsCompleted.put(event.correctiveActionId(), false);
        remember("corrective-action:" + event.correctiveActionId(), metaData);
    }

    @EventSourcingHandler
    void on(CorrectiveActionCompleted event, MetaData metaData) {
        correctiveActionsCompleted.put(event.correctiveActionId(), true);
        remember("completion:" + event.correctiveActionId(), metaData);
    }

    @EventSourcingHandler
    void on(ContributingFactorIdentified event, MetaData metaData) {
        factorsWithdrawn.put(event.factorId(), false);
        remember("factor:" + event.factorId(), metaData);
    }

    @EventSourcingHandler
    void on(ContributingFactorWithdrawn event, MetaData metaData) {
        factorsWithdrawn.put(event.factorId(), true);
        remember("factor-withdrawal:" + event.factorId(), metaData);
    }

    @EventSourcingHandler
    void on(NoteAdded event, MetaData metaData) {
        notes.put(event.noteId(), NO_FINGERPRINT);
        remember(notes, event.noteId(), metaData);
    }

    @EventSourcingHandler
    void on(ConclusionWritten event, MetaData metaData) {
        remember("conclusion", metaData);
    }

    /**
     * True when this exact request already produced the latest event of its scope, or when its
     * idempotency key was seen before with this request. A key seen with another request is refused.
     */
    private boolean isRetry(IncidentCommand command, String scope, String key) {
        return isRetry(command, fingerprints, scope, key);
    }

    private boolean isRetry(IncidentCommand command, ScopeFingerprints scopes, String scope, String key) {
        String fingerprint = Fingerprint.kept(Fingerprint.of(command));
        if (key != null) {
            String seen = fingerprints.get(KEY_SCOPE_PREFIX + key);
            if (seen != null) {
                if (seen.equals(fingerprint)) {
                    return true;
                }
                throw new RuleViolation(Rule.IDEMPOTENCY_KEY_REUSED,
                        "Idempotency-Key " + key + " was already used for a different request");
            }
        }
        return fingerprint.equals(scopes.get(scope));
    }

    private void remember(String scope, MetaData metaData) {
        remember(fingerprints, scope, metaData);
    }

    private void remember(ScopeFingerprints scopes, String scope, MetaData metaData) {
        Object fingerprint = metaData.get(RequestMetaData.REQUEST_FINGERPRINT);
        if (fingerprint == null) {
            return; // imported or generated events carry no request to recognise
        }
        String kept = Fingerprint.kept(fingerprint.toString());
        scopes.put(scope, kept);
        Object key = metaData.get(RequestMetaData.IDEMPOTENCY_KEY);
        if (key != null) {
            fingerprints.put(KEY_SCOPE_PREFIX + key, kept);
        }
    }

    private static MetaData metaData(IncidentCommand command, String key) {
        MetaData metaData = MetaData.with(RequestMetaData.REQUEST_FINGERPRINT, Fingerprint.of(command));
        return key == null ? metaData : metaData.and(RequestMetaData.IDEMPOTENCY_KEY, key);
    }

    private void requireNotResolved() {
        if (status == Status.RESOLVED) {
            throw new RuleViolation(Rule.INCIDENT_RESOLVED,
                    "incident " + incidentId + " is resolved; reopen it to continue the investigation");
        }
    }

    private Hypothesis requireHypothesis(String hypothesisId) {
        Hypothesis hypothesis = hypotheses.get(hypothesisId);
        if (hypothesis == null) {
            throw new RuleViolation(Rule.UNKNOWN_HYPOTHESIS,
                    "no hypothesis " + hypothesisId + " on incident " + incidentId);
        }
        return hypothesis;
    }

    /**
     * The time a fact happened: as sent, or now; never implausibly far in the future, nor before 1970,
     * which every store holds the same way. Every handler takes its time from here before it records
     * anything, so the command's texts are checked here too.
     */
    private static Instant occurredAt(IncidentCommand command) {
        refuseNulCharacters(command);
        Instant now = GenericEventMessage.clock.instant();
        Instant at = command.occurredAt() != null ? command.occurredAt() : now;
        if (at.isAfter(now.plus(CLOCK_SKEW_ALLOWANCE))) {
            throw new RuleViolation(Rule.OCCURRED_IN_FUTURE,
                    "occurredAt " + at + " is more than " + CLOCK_SKEW_ALLOWANCE.toMinutes()
                            + " minutes in the future");
        }
        requireSince1970("occurredAt", at);
        return at;
    }

    private static void requireSince1970(String field, Instant at) {
        if (at.isBefore(Instant.EPOCH)) {
            throw new RuleViolation(Rule.OCCURRED_BEFORE_1970, field + " " + at + " is before 1970");
        }
    }

    /** Every text of the command, its lists' included: records hold them as components. */
    private static void refuseNulCharacters(IncidentCommand command) {
        for (RecordComponent component : command.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(command);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of " + command, e);
            }
            List<?> values = value instanceof List<?> list ? list : Collections.singletonList(value);
            for (Object each : values) {
                if (each instanceof String text && text.indexOf('\u0000') >= 0) {
                    throw new RuleViolation(Rule.NUL_CHARACTER,
                            component.getName() + " contains the NUL character (U+0000), which cannot be stored");
                }
            }
        }
    }

    private Instant occurredAfterImpact(IncidentCommand command) {
        Instant at = occurredAt(command);
        if (at.isBefore(impactStartedAt)) {
            throw new RuleViolation(Rule.BEFORE_IMPACT_START,
                    "occurredAt " + at + " is before the impact started at " + impactStartedAt);
        }
        return at;
    }

    private Instant occurredAfterDetection(IncidentCommand command) {
        Instant at = occurredAfterImpact(command);
        if (at.isBefore(detectedAt)) {
            throw new RuleViolation(Rule.BEFORE_DETECTION,
                    "occurredAt " + at + " is before the incident was detected at " + detectedAt);
        }
        return at;
    }

    private Instant occurredAfterHypothesis(IncidentCommand command, String hypothesisId) {
        Hypothesis hypothesis = requireHypothesis(hypothesisId);
        if (hypothesis.verdict() == Verdict.RULED_OUT) {
            throw new RuleViolation(Rule.HYPOTHESIS_ALREADY_RULED_OUT,
                    "hypothesis " + hypothesisId + " was already ruled out");
        }
        if (hypothesis.verdict() == Verdict.CONFIRMED) {
            throw new RuleViolation(Rule.HYPOTHESIS_ALREADY_CONFIRMED,
                    "hypothesis " + hypothesisId + " was already confirmed");
        }
        Instant at = occurredAfterImpact(command);
        if (at.isBefore(hypothesis.recordedAt())) {
            throw new RuleViolation(Rule.BEFORE_HYPOTHESIS,
                    "occurredAt " + at + " is before hypothesis " + hypothesisId + " was recorded");
        }
        return at;
    }
}
