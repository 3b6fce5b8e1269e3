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
import dev.blackbox.command.incident.IdentifyRootCause;
import dev.blackbox.command.incident.Mitigate;
import dev.blackbox.command.incident.RecordAction;
import dev.blackbox.command.incident.RecordHypothesis;
import dev.blackbox.command.incident.Reopen;
import dev.blackbox.command.incident.Resolve;
import dev.blackbox.command.incident.RuleOutHypothesis;
import dev.blackbox.command.incident.WriteConclusion;
import dev.blackbox.command.position.EventPositions;
import dev.blackbox.command.web.CommandRequests.AcknowledgeRequest;
import dev.blackbox.command.web.CommandRequests.AddCorrectiveActionRequest;
import dev.blackbox.command.web.CommandRequests.AddNoteRequest;
import dev.blackbox.command.web.CommandRequests.AssessImpactRequest;
import dev.blackbox.command.web.CommandRequests.ChangeSeverityRequest;
import dev.blackbox.command.web.CommandRequests.CompleteCorrectiveActionRequest;
import dev.blackbox.command.web.CommandRequests.DetectIssueRequest;
import dev.blackbox.command.web.CommandRequests.EscalateRequest;
import dev.blackbox.command.web.CommandRequests.IdentifyRootCauseRequest;
import dev.blackbox.command.web.CommandRequests.MitigateRequest;
import dev.blackbox.command.web.CommandRequests.RecordActionRequest;
import dev.blackbox.command.web.CommandRequests.RecordHypothesisRequest;
import dev.blackbox.command.web.CommandRequests.ReopenRequest;
import dev.blackbox.command.web.CommandRequests.ResolveRequest;
import dev.blackbox.command.web.CommandRequests.VerdictRequest;
import dev.blackbox.command.web.CommandRequests.WriteConclusionRequest;
import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.RootCauseCategory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The command half of the HTTP API: each endpoint turns a request into one incident command and
 * answers once its event is stored. Endpoints whose body is all optional accept an empty body.
 * {@code @ResponseStatus} states each answer's status for the OpenAPI document.
 */
@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "Commands", description = "Record what happens during an outage")
class IncidentCommandController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String KEY_HELP =
            "Repeating a request with the same key records nothing new and gets the same answer";

    private final IncidentCommandSender sender;

    IncidentCommandController(IncidentCommandSender sender) {
        this.sender = sender;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Operation(summary = "Detect an issue: open a new incident")
    ResponseEntity<CommandAccepted> detect(
            @Valid @RequestBody DetectIssueRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        String checkedKey = ClientIds.checkedKey(key);
        String incidentId = ClientIds.idFor(body.incidentId(), "inc-", principal.getName(), checkedKey);
        long position = sender.send(new DetectIssue(incidentId, body.occurredAt(), recordedBy(body.by(), principal), body.title(),
                body.description(), body.severity(), body.detectedBy(), body.impactStartedAt(),
                body.affectedServices(), body.userImpactPercent(), Boolean.TRUE.equals(body.drill())), checkedKey);
        return created(position, incidentId, CommandAccepted.incident(incidentId));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/acknowledgements")
    @Operation(summary = "Acknowledge the incident: a responder owns it")
    ResponseEntity<CommandAccepted> acknowledge(
            @PathVariable String incidentId,
            @Valid @RequestBody(required = false) AcknowledgeRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        AcknowledgeRequest request = body != null ? body : new AcknowledgeRequest(null, null, null);
        long position = sender.send(new AcknowledgeIncident(incidentId, request.occurredAt(), recordedBy(request.by(), principal),
                request.responder()), ClientIds.checkedKey(key));
        return accepted(position, incidentId, CommandAccepted.incident(incidentId));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/escalations")
    @Operation(summary = "Escalate: pull another team or person in")
    ResponseEntity<CommandAccepted> escalate(
            @PathVariable String incidentId,
            @Valid @RequestBody EscalateRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        long position = sender.send(new Escalate(incidentId, body.occurredAt(), recordedBy(body.by(), principal), body.escalationTarget(),
                body.reason()), ClientIds.checkedKey(key));
        return accepted(position, incidentId, CommandAccepted.incident(incidentId));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{incidentId}/hypotheses")
    @Operation(summary = "Record a hypothesis about the cause")
    ResponseEntity<CommandAccepted> recordHypothesis(
            @PathVariable String incidentId,
            @Valid @RequestBody RecordHypothesisRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        String checkedKey = ClientIds.checkedKey(key);
        String hypothesisId = ClientIds.idFor(body.hypothesisId(), "h-", incidentId, checkedKey);
        long position = sender.send(new RecordHypothesis(incidentId, body.occurredAt(), recordedBy(body.by(), principal), hypothesisId,
                body.statement(), body.suspectedComponent()), checkedKey);
        return created(position, incidentId, CommandAccepted.hypothesis(incidentId, hypothesisId));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/hypotheses/{hypothesisId}/rule-out")
    @Operation(summary = "Rule a hypothesis out: a dead end, with the evidence")
    ResponseEntity<CommandAccepted> ruleOut(
            @PathVariable String incidentId,
            @PathVariable String hypothesisId,
            @Valid @RequestBody(required = false) VerdictRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        VerdictRequest request = body != null ? body : new VerdictRequest(null, null, null);
        long position = sender.send(new RuleOutHypothesis(incidentId, request.occurredAt(), recordedBy(request.by(), principal), hypothesisId,
                request.evidence()), ClientIds.checkedKey(key));
        return accepted(position, incidentId, CommandAccepted.hypothesis(incidentId, hypothesisId));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/hypotheses/{hypothesisId}/confirm")
    @Operation(summary = "Confirm a hypothesis, with the evidence")
    ResponseEntity<CommandAccepted> confirm(
            @PathVariable String incidentId,
            @PathVariable String hypothesisId,
            @Valid @RequestBody(required = false) VerdictRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        VerdictRequest request = body != null ? body : new VerdictRequest(null, null, null);
        long position = sender.send(new ConfirmHypothesis(incidentId, request.occurredAt(), recordedBy(request.by(), principal), hypothesisId,
                request.evidence()), ClientIds.checkedKey(key));
        return accepted(position, incidentId, CommandAccepted.hypothesis(incidentId, hypothesisId));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{incidentId}/actions")
    @Operation(summary = "Record an action taken and what it did")
    ResponseEntity<CommandAccepted> recordAction(
            @PathVariable String incidentId,
            @Valid @RequestBody RecordActionRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        String checkedKey = ClientIds.checkedKey(key);
        String actionId = ClientIds.idFor(body.actionId(), "a-", incidentId, checkedKey);
        ActionOutcome outcome = body.outcome() != null ? body.outcome() : ActionOutcome.UNKNOWN;
        long position = sender.send(new RecordAction(incidentId, body.occurredAt(), recordedBy(body.by(), principal), actionId,
                body.description(), outcome, body.hypothesisId()), checkedKey);
        return created(position, incidentId, CommandAccepted.action(incidentId, actionId));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/impact")
    @Operation(summary = "Assess the impact: who and what is affected now")
    ResponseEntity<CommandAccepted> assessImpact(
            @PathVariable String incidentId,
            @Valid @RequestBody AssessImpactRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        long position = sender.send(new AssessImpact(incidentId, body.occurredAt(), recordedBy(body.by(), principal), body.userImpactPercent(),
                body.affectedServices(), body.description()), ClientIds.checkedKey(key));
        return accepted(position, incidentId, CommandAccepted.incident(incidentId));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/severity")
    @Operation(summary = "Change the severity")
    ResponseEntity<CommandAccepted> changeSeverity(
            @PathVariable String incidentId,
            @Valid @RequestBody ChangeSeverityRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        long position = sender.send(new ChangeSeverity(incidentId, body.occurredAt(), recordedBy(body.by(), principal), body.severity(),
                body.reason()), ClientIds.checkedKey(key));
        return accepted(position, incidentId, CommandAccepted.incident(incidentId));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/root-cause")
    @Operation(summary = "Identify the root cause")
    ResponseEntity<CommandAccepted> identifyRootCause(
            @PathVariable String incidentId,
            @Valid @RequestBody IdentifyRootCauseRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        RootCauseCategory category = body.category() != null ? body.category() : RootCauseCategory.UNKNOWN;
        long position = sender.send(new IdentifyRootCause(incidentId, body.occurredAt(), recordedBy(body.by(), principal), body.summary(),
                category, body.hypothesisId()), ClientIds.checkedKey(key));
        return accepted(position, incidentId, CommandAccepted.incident(incidentId));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/mitigation")
    @Operation(summary = "Mitigate: users no longer suffer")
    ResponseEntity<CommandAccepted> mitigate(
            @PathVariable String incidentId,
            @Valid @RequestBody(required = false) MitigateRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        MitigateRequest request = body != null ? body : new MitigateRequest(null, null, null);
        long position = sender.send(new Mitigate(incidentId, request.occurredAt(), recordedBy(request.by(), principal), request.description()),
                ClientIds.checkedKey(key));
        return accepted(position, incidentId, CommandAccepted.incident(incidentId));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/resolution")
    @Operation(summary = "Resolve: the outage is over")
    ResponseEntity<CommandAccepted> resolve(
            @PathVariable String incidentId,
            @Valid @RequestBody(required = false) ResolveRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        ResolveRequest request = body != null ? body : new ResolveRequest(null, null, null);
        long position = sender.send(new Resolve(incidentId, request.occurredAt(), recordedBy(request.by(), principal), request.resolution()),
                ClientIds.checkedKey(key));
        return accepted(position, incidentId, CommandAccepted.incident(incidentId));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/reopening")
    @Operation(summary = "Reopen a resolved incident")
    ResponseEntity<CommandAccepted> reopen(
            @PathVariable String incidentId,
            @Valid @RequestBody(required = false) ReopenRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        ReopenRequest request = body != null ? body : new ReopenRequest(null, null, null);
        long position = sender.send(new Reopen(incidentId, request.occurredAt(), recordedBy(request.by(), principal), request.reason()),
                ClientIds.checkedKey(key));
        return accepted(position, incidentId, CommandAccepted.incident(incidentId));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{incidentId}/corrective-actions")
    @Operation(summary = "Add a corrective or preventative measure")
    ResponseEntity<CommandAccepted> addCorrectiveAction(
            @PathVariable String incidentId,
            @Valid @RequestBody AddCorrectiveActionRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        String checkedKey = ClientIds.checkedKey(key);
        String correctiveActionId = ClientIds.idFor(body.correctiveActionId(), "ca-", incidentId, checkedKey);
        long position = sender.send(new AddCorrectiveAction(incidentId, body.occurredAt(), recordedBy(body.by(), principal), correctiveActionId,
                body.description(), body.kind(), body.owner(), body.dueAt()), checkedKey);
        return created(position, incidentId, CommandAccepted.correctiveAction(incidentId, correctiveActionId));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/corrective-actions/{correctiveActionId}/completion")
    @Operation(summary = "Complete a corrective action")
    ResponseEntity<CommandAccepted> completeCorrectiveAction(
            @PathVariable String incidentId,
            @PathVariable String correctiveActionId,
            @Valid @RequestBody(required = false) CompleteCorrectiveActionRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        CompleteCorrectiveActionRequest request = body != null ? body : new CompleteCorrectiveActionRequest(null, null);
        long position = sender.send(new CompleteCorrectiveAction(incidentId, request.occurredAt(), recordedBy(request.by(), principal),
                correctiveActionId), ClientIds.checkedKey(key));
        return accepted(position, incidentId, CommandAccepted.correctiveAction(incidentId, correctiveActionId));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{incidentId}/notes")
    @Operation(summary = "Add a note to the timeline")
    ResponseEntity<CommandAccepted> addNote(
            @PathVariable String incidentId,
            @Valid @RequestBody AddNoteRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        String checkedKey = ClientIds.checkedKey(key);
        String noteId = ClientIds.idFor(body.noteId(), "n-", incidentId, checkedKey);
        long position = sender.send(new AddNote(incidentId, body.occurredAt(), recordedBy(body.by(), principal), noteId, body.text(),
                body.visibility()),
                checkedKey);
        return created(position, incidentId, CommandAccepted.note(incidentId, noteId));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PutMapping("/{incidentId}/conclusion")
    @Operation(summary = "Write the postmortem's conclusion; the latest one counts")
    ResponseEntity<CommandAccepted> writeConclusion(
            @PathVariable String incidentId,
            @Valid @RequestBody WriteConclusionRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        long position = sender.send(new WriteConclusion(incidentId, body.occurredAt(), recordedBy(body.by(), principal), body.text()),
                ClientIds.checkedKey(key));
        return accepted(position, incidentId, CommandAccepted.incident(incidentId));
    }

    private static String recordedBy(String by, Principal principal) {
        return by != null && !by.isBlank() ? by : principal.getName();
    }

    private static ResponseEntity<CommandAccepted> created(long position, String incidentId, CommandAccepted body) {
        return ResponseEntity.created(incidentLocation(incidentId)).header(EventPositions.HEADER, Long.toString(position))
                .body(body);
    }

    private static ResponseEntity<CommandAccepted> accepted(long position, String incidentId, CommandAccepted body) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(incidentLocation(incidentId))
                .header(EventPositions.HEADER, Long.toString(position)).body(body);
    }

    private static URI incidentLocation(String incidentId) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/incidents/{id}").buildAndExpand(incidentId).toUri();
    }
}
