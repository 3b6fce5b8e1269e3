package dev.blackbox.command.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.events.DrillSpeed;
import dev.blackbox.plumbing.positions.EventPositions;
import dev.blackbox.plumbing.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.security.Principal;
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

    private final Drills drills;

    DrillController(Drills drills) {
        this.drills = drills;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Operation(summary = "Start a drill: the source incident is replayed onto a new incident marked drill")
    ResponseEntity<DrillStartedResponse> start(
            @Valid @RequestBody StartDrillRequest body,
            @Parameter(description = "Repeating a request with the same key starts no second drill")
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            Principal principal) {
        Drills.Started started = drills.start(body.sourceIncidentId(), speed(body.speed()), key, principal.getName());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/v1/incidents/{id}").buildAndExpand(started.incidentId()).toUri())
                .header(EventPositions.HEADER, Long.toString(started.position()))
                .body(new DrillStartedResponse(started.drillId(), started.incidentId(), started.sourceIncidentId(),
                        started.speed().label()));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{drillId}/reveal")
    @Operation(summary = "Reveal the drill: release the root cause, confirmations and resolution held back")
    ResponseEntity<DrillRevealedResponse> reveal(@PathVariable String drillId, Principal principal) {
        long position = drills.reveal(drillId, principal.getName());
        return ResponseEntity.accepted().header(EventPositions.HEADER, Long.toString(position))
                .body(new DrillRevealedResponse(drillId));
    }

    private static DrillSpeed speed(JsonNode speed) {
        String value = speed == null || speed.isNull() ? "" : speed.asText();
        return DrillSpeed.fromLabel(value).orElseThrow(() -> Problems.refusal(HttpStatus.BAD_REQUEST, Problems.INVALID,
                "speed must be 1, 10, 60 or \"instant\", not '" + value + "'"));
    }
}
