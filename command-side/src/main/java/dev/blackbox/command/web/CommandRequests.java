package dev.blackbox.command.web;

import dev.blackbox.command.incident.AcknowledgeIncident;
import dev.blackbox.command.incident.AddCorrectiveAction;
import dev.blackbox.command.incident.AddNote;
import dev.blackbox.command.incident.AssessImpact;
import dev.blackbox.command.incident.ChangeSeverity;
import dev.blackbox.command.incident.CompleteCorrectiveAction;
import dev.blackbox.command.incident.ConfirmHypothesis;
import dev.blackbox.command.incident.DetectIssue;
import dev.blackbox.command.incident.Escalate;
import dev.blackbox.command.incident.IdentifyContributingFactor;
import dev.blackbox.command.incident.IdentifyRootCause;
import dev.blackbox.command.incident.Mitigate;
import dev.blackbox.command.incident.RecordAction;
import dev.blackbox.command.incident.RecordHypothesis;
import dev.blackbox.command.incident.Reopen;
import dev.blackbox.command.incident.Resolve;
import dev.blackbox.command.incident.RuleOutHypothesis;
import dev.blackbox.command.incident.WithdrawContributingFactor;
import dev.blackbox.command.incident.WriteConclusion;
import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.events.NoteVisibility;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.Severity;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * The JSON bodies of the command endpoints, each making its command. Field names follow the events,
 * with {@code by} for the sender. {@code occurredAt} is when it happened in the world: leave it out to
 * mean "now". A body that may be left out has an empty instance, {@code NONE}.
 */
public final class CommandRequests {

    /** Client-chosen ids end up in URLs and logs, so they are kept to a safe alphabet. */
    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";
    static final String ID_MESSAGE = "must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";

    private static final int SHORT = 200;
    private static final int LONG = 20_000;

    private CommandRequests() {
    }

    public record DetectIssueRequest(
            @Schema(description = "Client-chosen id; makes retries idempotent. Generated when absent.",
                    example = "lb-misconfig-2024-01-24")
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String incidentId,
            @Schema(example = "Users cannot log in or reach core features")
            @NotBlank @Size(max = SHORT) String title,
            @Schema(example = "Monitoring shows a spike in error rates")
            @Size(max = LONG) String description,
            @Schema(example = "SEV1") @NotNull Severity severity,
            @Schema(description = "Monitoring, user report or a bot's name; defaults to the sender", example = "monitoring")
            @Size(max = SHORT) String detectedBy,
            @Schema(description = "When users started to suffer; defaults to occurredAt", example = "2024-01-24T14:50:00Z")
            Instant impactStartedAt,
            @Schema(example = "[\"web-app\", \"load-balancer\"]")
            @Size(max = 100) List<@NotBlank @Size(max = SHORT) String> affectedServices,
            @Schema(example = "80") @Min(0) @Max(100) Integer userImpactPercent,
            @Schema(description = "A training incident, excluded from aggregate metrics", example = "false")
            Boolean drill,
            @Schema(example = "2024-01-24T15:00:00Z") Instant occurredAt,
            @Schema(description = "Who sent it; defaults to the token's name", example = "alert-bot")
            @Size(max = SHORT) String by) implements CommandRequest {

        @Override
        public DetectIssue command(Origin origin) {
            return new DetectIssue(origin.incidentId(incidentId), occurredAt, origin.by(by), title, description,
                    severity, detectedBy, impactStartedAt, affectedServices, userImpactPercent,
                    Boolean.TRUE.equals(drill));
        }
    }

    public record AcknowledgeRequest(
            @Schema(description = "Defaults to the sender", example = "operations-team") @Size(max = SHORT) String responder,
            @Schema(example = "2024-01-24T15:05:00Z") Instant occurredAt,
            @Schema(example = "pager-bot") @Size(max = SHORT) String by) implements CommandRequest {

        public static final AcknowledgeRequest NONE = new AcknowledgeRequest(null, null, null);

        @Override
        public AcknowledgeIncident command(Origin origin) {
            return new AcknowledgeIncident(origin.incidentId(), occurredAt, origin.by(by), responder);
        }
    }

    public record EscalateRequest(
            @Schema(example = "database-team") @NotBlank @Size(max = SHORT) String escalationTarget,
            @Schema(example = "Focus moved to the database layer") @Size(max = LONG) String reason,
            @Schema(example = "2024-01-24T16:00:00Z") Instant occurredAt,
            @Schema(example = "operations-team") @Size(max = SHORT) String by) implements CommandRequest {

        @Override
        public Escalate command(Origin origin) {
            return new Escalate(origin.incidentId(), occurredAt, origin.by(by), escalationTarget, reason);
        }
    }

    public record RecordHypothesisRequest(
            @Schema(description = "Client-chosen id; makes retries idempotent. Generated when absent.", example = "h-db-failure")
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String hypothesisId,
            @Schema(example = "The database servers are failing") @NotBlank @Size(max = LONG) String statement,
            @Schema(example = "database") @Size(max = SHORT) String suspectedComponent,
            @Schema(example = "2024-01-24T15:20:00Z") Instant occurredAt,
            @Schema(example = "operations-team") @Size(max = SHORT) String by) implements CommandRequest {

        @Override
        public RecordHypothesis command(Origin origin) {
            return new RecordHypothesis(origin.incidentId(), occurredAt, origin.by(by), origin.id(hypothesisId, "h-"),
                    statement, suspectedComponent);
        }
    }

    public record VerdictRequest(
            @Schema(example = "Database servers are healthy; connections fail before reaching them")
            @Size(max = LONG) String evidence,
            @Schema(example = "2024-01-24T16:30:00Z") Instant occurredAt,
            @Schema(example = "database-team") @Size(max = SHORT) String by) {

        public static final VerdictRequest NONE = new VerdictRequest(null, null, null);

        public CommandRequest ruleOut(String hypothesisId) {
            return origin -> new RuleOutHypothesis(origin.incidentId(), occurredAt, origin.by(by), hypothesisId, evidence);
        }

        public CommandRequest confirm(String hypothesisId) {
            return origin -> new ConfirmHypothesis(origin.incidentId(), occurredAt, origin.by(by), hypothesisId,
                    evidence);
        }
    }

    public record RecordActionRequest(
            @Schema(description = "Client-chosen id; makes retries idempotent. Generated when absent.", example = "a-reboot-db")
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String actionId,
            @Schema(example = "Rebooted the database servers") @NotBlank @Size(max = LONG) String description,
            @Schema(description = "Defaults to UNKNOWN", example = "MADE_WORSE") ActionOutcome outcome,
            @Schema(description = "The hypothesis this action tested", example = "h-db-failure")
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String hypothesisId,
            @Schema(example = "2024-01-24T15:45:00Z") Instant occurredAt,
            @Schema(example = "operations-team") @Size(max = SHORT) String by) implements CommandRequest {

        @Override
        public RecordAction command(Origin origin) {
            return new RecordAction(origin.incidentId(), occurredAt, origin.by(by), origin.id(actionId, "a-"),
                    description, outcome != null ? outcome : ActionOutcome.UNKNOWN, hypothesisId);
        }
    }

    public record AssessImpactRequest(
            @Schema(example = "90") @Min(0) @Max(100) Integer userImpactPercent,
            @Schema(example = "[\"web-app\"]") @Size(max = 100) List<@NotBlank @Size(max = SHORT) String> affectedServices,
            @Schema(example = "Logins fail in every region") @Size(max = LONG) String description,
            @Schema(example = "2024-01-24T15:30:00Z") Instant occurredAt,
            @Schema(example = "operations-team") @Size(max = SHORT) String by) implements CommandRequest {

        @Override
        public AssessImpact command(Origin origin) {
            return new AssessImpact(origin.incidentId(), occurredAt, origin.by(by), userImpactPercent, affectedServices,
                    description);
        }
    }

    public record ChangeSeverityRequest(
            @Schema(example = "SEV1") @NotNull Severity severity,
            @Schema(example = "Features fully unavailable for most users") @Size(max = LONG) String reason,
            @Schema(example = "2024-01-24T16:00:00Z") Instant occurredAt,
            @Schema(example = "operations-team") @Size(max = SHORT) String by) implements CommandRequest {

        @Override
        public ChangeSeverity command(Origin origin) {
            return new ChangeSeverity(origin.incidentId(), occurredAt, origin.by(by), severity, reason);
        }
    }

    public record IdentifyRootCauseRequest(
            @Schema(example = "A load balancer misconfiguration routed database queries incorrectly")
            @NotBlank @Size(max = LONG) String summary,
            @Schema(description = "Defaults to UNKNOWN", example = "CONFIGURATION") RootCauseCategory category,
            @Schema(description = "The hypothesis that proved right", example = "h-lb-config")
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String hypothesisId,
            @Schema(example = "2024-01-24T18:00:00Z") Instant occurredAt,
            @Schema(example = "networking-team") @Size(max = SHORT) String by) implements CommandRequest {

        @Override
        public IdentifyRootCause command(Origin origin) {
            return new IdentifyRootCause(origin.incidentId(), occurredAt, origin.by(by), summary,
                    category != null ? category : RootCauseCategory.UNKNOWN, hypothesisId);
        }
    }

    public record MitigateRequest(
            @Schema(example = "Drained traffic to the healthy backend pool") @Size(max = LONG) String description,
            @Schema(example = "2024-01-24T17:45:00Z") Instant occurredAt,
            @Schema(example = "networking-team") @Size(max = SHORT) String by) implements CommandRequest {

        public static final MitigateRequest NONE = new MitigateRequest(null, null, null);

        @Override
        public Mitigate command(Origin origin) {
            return new Mitigate(origin.incidentId(), occurredAt, origin.by(by), description);
        }
    }

    public record ResolveRequest(
            @Schema(example = "Corrected the load balancer configuration") @Size(max = LONG) String resolution,
            @Schema(example = "2024-01-24T18:30:00Z") Instant occurredAt,
            @Schema(example = "networking-team") @Size(max = SHORT) String by) implements CommandRequest {

        public static final ResolveRequest NONE = new ResolveRequest(null, null, null);

        @Override
        public Resolve command(Origin origin) {
            return new Resolve(origin.incidentId(), occurredAt, origin.by(by), resolution);
        }
    }

    public record ReopenRequest(
            @Schema(example = "Error rates are climbing again") @Size(max = LONG) String reason,
            @Schema(example = "2024-01-24T19:10:00Z") Instant occurredAt,
            @Schema(example = "alert-bot") @Size(max = SHORT) String by) implements CommandRequest {

        public static final ReopenRequest NONE = new ReopenRequest(null, null, null);

        @Override
        public Reopen command(Origin origin) {
            return new Reopen(origin.incidentId(), occurredAt, origin.by(by), reason);
        }
    }

    public record AddCorrectiveActionRequest(
            @Schema(description = "Client-chosen id; makes retries idempotent. Generated when absent.", example = "ca-lb-tests")
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String correctiveActionId,
            @Schema(example = "Automated tests for load balancer configuration in the deployment pipeline")
            @NotBlank @Size(max = LONG) String description,
            @Schema(example = "TASK") @NotNull CorrectiveActionKind kind,
            @Schema(example = "networking-team") @Size(max = SHORT) String owner,
            @Schema(example = "2024-02-07T00:00:00Z") Instant dueAt,
            @Schema(example = "2024-01-24T19:00:00Z") Instant occurredAt,
            @Schema(example = "sre-team") @Size(max = SHORT) String by) implements CommandRequest {

        @Override
        public AddCorrectiveAction command(Origin origin) {
            return new AddCorrectiveAction(origin.incidentId(), occurredAt, origin.by(by),
                    origin.id(correctiveActionId, "ca-"), description, kind, owner, dueAt);
        }
    }

    public record CompleteCorrectiveActionRequest(
            @Schema(example = "2024-02-05T10:00:00Z") Instant occurredAt,
            @Schema(example = "networking-team") @Size(max = SHORT) String by) {

        public static final CompleteCorrectiveActionRequest NONE = new CompleteCorrectiveActionRequest(null, null);

        public CommandRequest complete(String correctiveActionId) {
            return origin -> new CompleteCorrectiveAction(origin.incidentId(), occurredAt, origin.by(by),
                    correctiveActionId);
        }
    }

    public record IdentifyContributingFactorRequest(
            @Schema(description = "Client-chosen id; makes retries idempotent. Generated when absent.", example = "cf-traffic-surge")
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String factorId,
            @Schema(example = "A marketing campaign doubled the login traffic")
            @NotBlank @Size(max = LONG) String description,
            @Schema(description = "TRIGGER, CONTRIBUTOR, MITIGATOR or RISK", example = "TRIGGER")
            @NotNull ContributingFactorKind kind,
            @Schema(description = "Groups factors like root causes; optional", example = "CAPACITY") RootCauseCategory category,
            @Schema(description = "The hypothesis that led to it", example = "h-traffic")
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String hypothesisId,
            @Schema(example = "2024-01-24T19:00:00Z") Instant occurredAt,
            @Schema(example = "sre-team") @Size(max = SHORT) String by) implements CommandRequest {

        @Override
        public IdentifyContributingFactor command(Origin origin) {
            return new IdentifyContributingFactor(origin.incidentId(), occurredAt, origin.by(by),
                    origin.id(factorId, "cf-"), description, kind, category, hypothesisId);
        }
    }

    public record WithdrawContributingFactorRequest(
            @Schema(example = "The surge came after the outage began") @Size(max = LONG) String reason,
            @Schema(example = "2024-01-25T10:00:00Z") Instant occurredAt,
            @Schema(example = "sre-team") @Size(max = SHORT) String by) {

        static final WithdrawContributingFactorRequest NONE = new WithdrawContributingFactorRequest(null, null, null);

        public CommandRequest withdraw(String factorId) {
            return origin -> new WithdrawContributingFactor(origin.incidentId(), occurredAt, origin.by(by),
                    factorId, reason);
        }
    }

    public record AddNoteRequest(
            @Schema(description = "Client-chosen id; makes retries idempotent. Generated when absent.", example = "n-support")
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String noteId,
            @Schema(example = "Customer support has posted a status page update") @NotBlank @Size(max = LONG) String text,
            @Schema(description = "INTERNAL (default) for responders, PUBLIC for updates shared with the affected",
                    example = "PUBLIC") NoteVisibility visibility,
            @Schema(example = "2024-01-24T15:30:00Z") Instant occurredAt,
            @Schema(example = "support-bot") @Size(max = SHORT) String by) implements CommandRequest {

        @Override
        public AddNote command(Origin origin) {
            return new AddNote(origin.incidentId(), occurredAt, origin.by(by), origin.id(noteId, "n-"), text, visibility);
        }
    }

    public record WriteConclusionRequest(
            @Schema(example = "Configuration changes deserve the same tests as code changes.")
            @NotBlank @Size(max = LONG) String text,
            @Schema(example = "2024-01-25T10:00:00Z") Instant occurredAt,
            @Schema(example = "sre-team") @Size(max = SHORT) String by) implements CommandRequest {

        @Override
        public WriteConclusion command(Origin origin) {
            return new WriteConclusion(origin.incidentId(), occurredAt, origin.by(by), text);
        }
    }
}
