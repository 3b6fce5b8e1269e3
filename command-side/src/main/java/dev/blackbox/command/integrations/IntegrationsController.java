package dev.blackbox.command.integrations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** How the alert routers' deliveries went, as this process saw them. */
@RestController
@Tag(name = "Integrations", description = "Alert routers that open and update incidents")
class IntegrationsController {

    /** The integrations this process runs, each with its receivers. */
    record Integrations(List<IntegrationDeliveries.Integration> integrations) {
    }

    private final IntegrationDeliveries deliveries;

    IntegrationsController(IntegrationDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/api/v1/integrations")
    @Operation(summary = "List the integrations with each receiver's last delivery and last error, since this process started")
    Integrations integrations() {
        return new Integrations(deliveries.integrations());
    }
}
