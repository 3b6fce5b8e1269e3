package dev.blackbox.command.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.events.DrillSpeed;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.plumbing.positions.EventPositions;
import dev.blackbox.plumbing.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Starts and reveals training drills (admin); trainees then work the drill incident like any other. */
@RestController
@RequestMapping("/api/v1/training/drills")
@Tag(name = "Training", description = "Replay past incidents as drills for on-call training")
class DrillController {

    record StartDrillRequest(
            @Schema(example = "lb-misconfig-2024-01-24") @NotBlank String sourceIncidentId,
            @Schema(description = "1, 10, 60 (times faster than the original) or \"instant\"", example = "60")
            JsonNode speed) {
    }

    record DrillStartedResponse(String drillId, String incidentId, String sourceIncidentId, String speed) {
    }

    record DrillRevealedResponse(String drillId) {
    }

    private static final Duration DRILL_INCIDENT_WAIT = Duration.ofSeconds(10);

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final EventPositions positions;

    DrillController(CommandGateway commandGateway, EventStore eventStore, EventPositions positions) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.positions = positions;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Operation(summary = "Start a drill: the source incident is replayed onto a new incident marked drill")
    ResponseEntity<DrillStartedResponse> start(
            @Valid @RequestBody StartDrillRequest body,
            @Parameter(description = "Repeating a request with the same key starts no second drill")
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            Principal principal) {
        DrillSpeed speed = speed(body.speed());
        DomainEventStream source = eventStore.readEvents(body.sourceIncidentId(), 0);
        // Drills are stored in the same table: the id may name a drill's history instead of an incident's.
        if (!source.hasNext() || !(source.peek().getPayload() instanceof IncidentEvent)) {
            throw Problems.refusal(HttpStatus.NOT_FOUND, "Incident not found", "no incident " + body.sourceIncidentId());
        }
        UUID id = key == null ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes((principal.getName() + '\n' + key).getBytes(StandardCharsets.UTF_8));
        String drillId = "drill-" + id;
        String incidentId = "training-" + id;
        commandGateway.sendAndWait(new StartDrill(drillId, incidentId, body.sourceIncidentId(), speed,
                principal.getName()));
        awaitDrillIncident(incidentId);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/v1/incidents/{id}").buildAndExpand(incidentId).toUri())
                .header(EventPositions.HEADER, Long.toString(
                        Math.max(positions.latest(drillId), positions.latest(incidentId))))
                .body(new DrillStartedResponse(drillId, incidentId, body.sourceIncidentId(), speed.label()));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{drillId}/reveal")
    @Operation(summary = "Reveal the drill: release the root cause, confirmations and resolution held back")
    ResponseEntity<DrillRevealedResponse> reveal(@PathVariable String drillId, Principal principal) {
        commandGateway.sendAndWait(new RevealDrill(drillId, principal.getName()));
        return ResponseEntity.accepted().header(EventPositions.HEADER, Long.toString(positions.latest(drillId)))
                .body(new DrillRevealedResponse(drillId));
    }

    /**
     * The drill saga opens the drill incident moments after the drill starts. Answering only once
     * it exists lets trainees record facts on it straight away instead of meeting a 404.
     */
    private void awaitDrillIncident(String incidentId) {
        long deadline = System.nanoTime() + DRILL_INCIDENT_WAIT.toNanos();
        while (!eventStore.readEvents(incidentId, 0).hasNext() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static DrillSpeed speed(JsonNode speed) {
        String value = speed == null || speed.isNull() ? "" : speed.asText();
        return DrillSpeed.fromLabel(value).orElseThrow(() -> Problems.refusal(HttpStatus.BAD_REQUEST, Problems.INVALID,
                "speed must be 1, 10, 60 or \"instant\", not '" + value + "'"));
    }
}
