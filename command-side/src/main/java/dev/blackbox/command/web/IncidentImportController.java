package dev.blackbox.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.command.incident.ImportIncident;
import dev.blackbox.command.incident.Rule;
import dev.blackbox.command.incident.RuleViolation;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.plumbing.positions.EventPositions;
import dev.blackbox.plumbing.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.axonframework.config.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Recreates an incident from an exported NDJSON event stream (admin only). */
@RestController
@RequestMapping("/api/v1/incidents/import")
@Tag(name = "Replay", description = "Move incidents between installations and into training libraries")
@Validated
class IncidentImportController {

    /** The answer to an import: where the incident now lives and how many facts it holds. */
    record Imported(String incidentId, int events) {
    }

    private final IncidentCommandSender sender;
    private final ObjectMapper objectMapper;
    private final Configuration axon;

    IncidentImportController(IncidentCommandSender sender, ObjectMapper objectMapper, Configuration axon) {
        this.sender = sender;
        this.objectMapper = objectMapper;
        this.axon = axon;
    }

    /**
     * A history that breaks a rule is a conflict with the rules, even where the same rule on a live
     * command means "not found" (e.g. a verdict on a hypothesis the history never recorded).
     */
    private static ErrorResponseException rejected(RuleViolation violation) {
        HttpStatus status = violation.rule().kind() == Rule.Kind.INVALID ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT;
        ProblemDetail problem = Problems.document(status, "Invalid incident history",
                violation.getMessage() + "; nothing was imported");
        problem.setProperty("rule", violation.rule().code());
        return new ErrorResponseException(status, problem, violation);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(consumes = {"application/x-ndjson", "application/json", "text/plain"})
    @Operation(summary = "Import an incident's event stream, as exported by GET /api/v1/incidents/{id}/events")
    ResponseEntity<Imported> importIncident(
            @Parameter(description = "Record the incident under this id instead of the one in the stream")
            @RequestParam(required = false)
            @Pattern(regexp = CommandRequests.ID_PATTERN, message = CommandRequests.ID_MESSAGE) String incidentId,
            HttpServletRequest request) throws IOException {
        List<IncidentEvent> events;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8))) {
            events = NdjsonHistory.read(lines, incidentId, objectMapper, axon.upcasterChain(), axon.eventSerializer());
        }
        String targetId = events.get(0).incidentId();
        long position;
        try {
            position = sender.send(new ImportIncident(targetId, events), targetId, null);
        } catch (RuleViolation violation) {
            throw rejected(violation);
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/v1/incidents/{id}").buildAndExpand(targetId).toUri())
                .header(EventPositions.HEADER, Long.toString(position))
                .body(new Imported(targetId, events.size()));
    }
}
