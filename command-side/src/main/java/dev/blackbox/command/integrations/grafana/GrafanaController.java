package dev.blackbox.command.integrations.grafana;

import dev.blackbox.command.integrations.AlertMappingSettings;
import dev.blackbox.command.integrations.AlertNotification;
import dev.blackbox.command.integrations.AlertReceiver;
import dev.blackbox.command.integrations.AlertReceiver.Delivered;
import dev.blackbox.command.integrations.AlertSource;
import dev.blackbox.plumbing.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Grafana Alerting's webhook contact point: the same alert groups as Alertmanager's, mapped the same
 * way. With {@code blackbox.integrations.grafana.secret} set, a delivery must also carry the
 * contact point's HMAC signature of its body.
 */
@RestController
@Tag(name = "Integrations", description = "Alert routers that open and update incidents")
class GrafanaController {

    private static final AlertSource SOURCE = new AlertSource("grafana", "Grafana",
            "/api/v1/integrations/grafana", "1");

    private final AlertReceiver receiver;
    private final GrafanaProperties properties;
    private final AlertMappingSettings settings;

    GrafanaController(AlertReceiver receiver, GrafanaProperties properties) {
        this.receiver = receiver;
        this.properties = properties;
        this.settings = properties.mapping();
        receiver.register(SOURCE);
    }

    @PostMapping("/api/v1/integrations/grafana")
    @Operation(summary = "Receive a Grafana Alerting webhook notification")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "Grafana's webhook payload",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AlertNotification.class)))
    ResponseEntity<Delivered> receive(@RequestBody byte[] body, HttpServletRequest request, Principal principal) {
        if (properties.signed() && !GrafanaSignature.verifies(properties.secret(),
                request.getHeader(properties.signatureHeader()), request.getHeader(properties.timestampHeader()), body)) {
            throw receiver.refused(SOURCE, null, Problems.refusal(HttpStatus.UNAUTHORIZED, "Invalid signature",
                    "the " + properties.signatureHeader() + " header is missing or does not sign this body"
                            + " with the contact point's secret; nothing was recorded"));
        }
        return receiver.receive(SOURCE, body, settings, principal.getName());
    }
}
