package dev.blackbox.command.web;

import dev.blackbox.command.incident.IncidentCommand;
import dev.blackbox.command.web.CommandRequest.Origin;
import dev.blackbox.command.web.CommandRequests.AcknowledgeRequest;
import dev.blackbox.command.web.CommandRequests.AddCorrectiveActionRequest;
import dev.blackbox.command.web.CommandRequests.AddNoteRequest;
import dev.blackbox.command.web.CommandRequests.AssessImpactRequest;
import dev.blackbox.command.web.CommandRequests.ChangeSeverityRequest;
import dev.blackbox.command.web.CommandRequests.CompleteCorrectiveActionRequest;
import dev.blackbox.command.web.CommandRequests.DetectIssueRequest;
import dev.blackbox.command.web.CommandRequests.EscalateRequest;
import dev.blackbox.command.web.CommandRequests.IdentifyContributingFactorRequest;
import dev.blackbox.command.web.CommandRequests.IdentifyRootCauseRequest;
import dev.blackbox.command.web.CommandRequests.WithdrawContributingFactorRequest;
import dev.blackbox.command.web.CommandRequests.MitigateRequest;
import dev.blackbox.command.web.CommandRequests.RecordActionRequest;
import dev.blackbox.command.web.CommandRequests.RecordHypothesisRequest;
import dev.blackbox.command.web.CommandRequests.ReopenRequest;
import dev.blackbox.command.web.CommandRequests.ResolveRequest;
import dev.blackbox.command.web.CommandRequests.VerdictRequest;
import dev.blackbox.command.web.CommandRequests.WriteConclusionRequest;
import dev.blackbox.plumbing.positions.EventPositions;
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
 * The command half of the HTTP API: each endpoint turns its request into one incident command and
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
        return send(body, null, key, principal);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/acknowledgements")
    @Operation(summary = "Acknowledge the incident: a responder owns it")
    ResponseEntity<CommandAccepted> acknowledge(
            @PathVariable String incidentId,
            @Valid @RequestBody(required = false) AcknowledgeRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        return send(body != null ? body : AcknowledgeRequest.NONE, incidentId, key, principal);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/escalations")
    @Operation(summary = "Escalate: pull another team or person in")
    ResponseEntity<CommandAccepted> escalate(
            @PathVariable String incidentId,
            @Valid @RequestBody EscalateRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        return send(body, incidentId, key, principal);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{incidentId}/hypotheses")
    @Operation(summary = "Record a hypothesis about the cause")
    ResponseEntity<CommandAccepted> recordHypothesis(
            @PathVariable String incidentId,
            @Valid @RequestBody RecordHypothesisRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        return send(body, incidentId, key, principal);
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
        return send((body != null ? body : VerdictRequest.NONE).ruleOut(hypothesisId), incidentId, key, principal);
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
        return send((body != null ? body : VerdictRequest.NONE).confirm(hypothesisId), incidentId, key, principal);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{incidentId}/actions")
    @Operation(summary = "Record an action taken and what it did")
    ResponseEntity<CommandAccepted> recordAction(
            @PathVariable String incidentId,
            @Valid @RequestBody RecordActionRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        return send(body, incidentId, key, principal);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/impact")
    @Operation(summary = "Assess the impact: who and what is affected now")
    ResponseEntity<CommandAccepted> assessImpact(
            @PathVariable String incidentId,
            @Valid @RequestBody AssessImpactRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        return send(body, incidentId, key, principal);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/severity")
    @Operation(summary = "Change the severity")
    ResponseEntity<CommandAccepted> changeSeverity(
            @PathVariable String incidentId,
            @Valid @RequestBody ChangeSeverityRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        return send(body, incidentId, key, principal);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/root-cause")
    @Operation(summary = "Identify the root cause")
    ResponseEntity<CommandAccepted> identifyRootCause(
            @PathVariable String incidentId,
            @Valid @RequestBody IdentifyRootCauseRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        return send(body, incidentId, key, principal);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/mitigation")
    @Operation(summary = "Mitigate: users no longer suffer")
    ResponseEntity<CommandAccepted> mitigate(
            @PathVariable String incidentId,
            @Valid @RequestBody(required = false) MitigateRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        return send(body != null ? body : MitigateRequest.NONE, incidentId, key, principal);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/resolution")
    @Operation(summary = "Resolve: the outage is over")
    ResponseEntity<CommandAccepted> resolve(
            @PathVariable String incidentId,
            @Valid @RequestBody(required = false) ResolveRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        return send(body != null ? body : ResolveRequest.NONE, incidentId, key, principal);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/reopening")
    @Operation(summary = "Reopen a resolved incident")
    ResponseEntity<CommandAccepted> reopen(
            @PathVariable String incidentId,
            @Valid @RequestBody(required = false) ReopenRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        return send(body != null ? body : ReopenRequest.NONE, incidentId, key, principal);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{incidentId}/corrective-actions")
    @Operation(summary = "Add a corrective or preventative measure")
    ResponseEntity<CommandAccepted> addCorrectiveAction(
            @PathVariable String incidentId,
            @Valid @RequestBody AddCorrectiveActionRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        return send(body, incidentId, key, principal);
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
        CompleteCorrectiveActionRequest request = body != null ? body : CompleteCorrectiveActionRequest.NONE;
        return send(request.complete(correctiveActionId), incidentId, key, principal);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{incidentId}/contributing-factors")
    @Operation(summary = "Identify a contributing factor: a trigger, contributor, mitigator or risk")
    ResponseEntity<CommandAccepted> identifyContributingFactor(
            @PathVariable String incidentId,
            @Valid @RequestBody IdentifyContributingFactorRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        return send(body, incidentId, key, principal);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{incidentId}/contributing-factors/{factorId}/withdrawal")
    @Operation(summary = "Withdraw a contributing factor identified by mistake")
    ResponseEntity<CommandAccepted> withdrawContributingFactor(
            @PathVariable String incidentId,
            @PathVariable String factorId,
            @Valid @RequestBody(required = false) WithdrawContributingFactorRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        WithdrawContributingFactorRequest request = body != null ? body : WithdrawContributingFactorRequest.NONE;
        return send(request.withdraw(factorId), incidentId, key, principal);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{incidentId}/notes")
    @Operation(summary = "Add a note to the timeline")
    ResponseEntity<CommandAccepted> addNote(
            @PathVariable String incidentId,
            @Valid @RequestBody AddNoteRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        return send(body, incidentId, key, principal);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PutMapping("/{incidentId}/conclusion")
    @Operation(summary = "Write the postmortem's conclusion; the latest one counts")
    ResponseEntity<CommandAccepted> writeConclusion(
            @PathVariable String incidentId,
            @Valid @RequestBody WriteConclusionRequest body,
            @Parameter(description = KEY_HELP) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            Principal principal) {
        return send(body, incidentId, key, principal);
    }

    /**
     * Sends the request's command; answers 201 with the new thing's ids, or 202, with the incident's
     * {@code Location} and the store position of what the command stored.
     */
    private ResponseEntity<CommandAccepted> send(CommandRequest request, String incidentId, String key,
            Principal principal) {
        String checkedKey = ClientIds.checkedKey(key);
        IncidentCommand command = request.command(new Origin(incidentId, principal.getName(), checkedKey));
        long position = sender.send(command, checkedKey);
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/incidents/{id}").buildAndExpand(command.incidentId()).toUri();
        return (CommandAccepted.creates(command) ? ResponseEntity.created(location)
                : ResponseEntity.status(HttpStatus.ACCEPTED).location(location))
                .header(EventPositions.HEADER, Long.toString(position))
                .body(CommandAccepted.of(command));
    }
}
