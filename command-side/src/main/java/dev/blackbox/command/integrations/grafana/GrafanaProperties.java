package dev.blackbox.command.integrations.grafana;

import dev.blackbox.command.incident.RecordAlerts.WhenAllResolved;
import dev.blackbox.command.integrations.AlertMappingSettings;
import dev.blackbox.events.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Grafana's alerts become incidents, as for Alertmanager ({@link AlertMappingSettings}), and the
 * contact point's HMAC secret.
 *
 * @param secret          the webhook contact point's HMAC secret; when set, every delivery must carry a
 *                        valid signature, when empty none is checked
 * @param signatureHeader the header Grafana puts the signature in
 * @param timestampHeader the header Grafana puts the signing time in, when it is configured to
 */
@ConfigurationProperties("blackbox.integrations.grafana")
public record GrafanaProperties(
        Map<String, Severity> severities,
        @DefaultValue("SEV3") Severity defaultSeverity,
        @DefaultValue("severity") String severityLabel,
        @DefaultValue({"service", "job"}) List<String> serviceLabels,
        @DefaultValue("mitigate") WhenAllResolved onAllResolved,
        @DefaultValue("1h") Duration reopenWindow,
        String secret,
        @DefaultValue("X-Grafana-Alerting-Signature") String signatureHeader,
        @DefaultValue("X-Grafana-Alerting-Signature-Timestamp") String timestampHeader) {

    AlertMappingSettings mapping() {
        return new AlertMappingSettings(severities, defaultSeverity, severityLabel, serviceLabels, onAllResolved,
                reopenWindow);
    }

    boolean signed() {
        return secret != null && !secret.isEmpty();
    }
}
