package dev.blackbox.command.integrations.pagerduty;

import dev.blackbox.command.integrations.AlertReceiver.Delivered;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * PagerDuty's webhooks (v3): each PagerDuty incident is one Blackbox incident, opened when it is
 * triggered and kept up to date by its acknowledgements, escalations, notes, priority changes,
 * resolution and reopening.
 */
@RestController
@Tag(name = "Integrations", description = "Alert routers that open and update incidents")
class PagerDutyController {

    private final PagerDutyReceiver receiver;

    PagerDutyController(PagerDutyReceiver receiver) {
        this.receiver = receiver;
    }

    /** The body is read here, not bound: its signature is over the bytes as sent. */
    @PostMapping(PagerDutyReceiver.PATH)
    @Operation(summary = "Receive a PagerDuty webhook (v3), signed with X-PagerDuty-Signature or with a bearer token")
    ResponseEntity<Delivered> receive(@RequestBody(required = false) byte[] body,
            @RequestHeader(name = PagerDutySignature.HEADER, required = false) String signature,
            Principal principal) {
        return receiver.receive(body == null ? new byte[0] : body, signature, principal);
    }
}
