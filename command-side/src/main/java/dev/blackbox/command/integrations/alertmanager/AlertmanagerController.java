package dev.blackbox.command.integrations.alertmanager;

import dev.blackbox.command.integrations.AlertMappingSettings;
import dev.blackbox.command.integrations.AlertNotification;
import dev.blackbox.command.integrations.AlertReceiver;
import dev.blackbox.command.integrations.AlertReceiver.Delivered;
import dev.blackbox.command.integrations.AlertSource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Prometheus Alertmanager's webhook receiver: each alert group becomes one incident, opened by its
 * first firing notification and kept up to date by the later ones.
 */
@RestController
@Tag(name = "Integrations", description = "Alert routers that open and update incidents")
class AlertmanagerController {

    private static final AlertSource SOURCE = new AlertSource("alertmanager", "Alertmanager",
            "/api/v1/integrations/alertmanager", "4");

    private final AlertReceiver receiver;
    private final AlertMappingSettings settings;

    AlertmanagerController(AlertReceiver receiver, AlertmanagerProperties properties) {
        this.receiver = receiver;
        this.settings = properties.mapping();
        receiver.register(SOURCE);
    }

    /** The body is read here, not bound, so that a delivery Blackbox cannot use is noted like any other. */
    @PostMapping("/api/v1/integrations/alertmanager")
    @Operation(summary = "Receive an Alertmanager webhook notification (version 4)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "Alertmanager's webhook payload",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AlertNotification.class)))
    ResponseEntity<Delivered> receive(@RequestBody byte[] body, Principal principal) {
        return receiver.receive(SOURCE, body, settings, principal.getName());
    }
}
