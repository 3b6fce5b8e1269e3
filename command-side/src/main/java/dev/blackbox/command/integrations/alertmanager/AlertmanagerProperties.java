package dev.blackbox.command.integrations.alertmanager;

import dev.blackbox.command.incident.RecordAlerts.WhenAllResolved;
import dev.blackbox.command.integrations.AlertMappingSettings;
import dev.blackbox.events.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Alertmanager's alerts become incidents ({@link AlertMappingSettings} says what each means).
 * {@code severities} adds to or overrides the usual words (critical SEV1; major, high, error SEV2;
 * warning, minor SEV3; info, low SEV4).
 */
@ConfigurationProperties("blackbox.integrations.alertmanager")
public record AlertmanagerProperties(
        Map<String, Severity> severities,
        @DefaultValue("SEV3") Severity defaultSeverity,
        @DefaultValue("severity") String severityLabel,
        @DefaultValue({"service", "job"}) List<String> serviceLabels,
        @DefaultValue("mitigate") WhenAllResolved onAllResolved,
        @DefaultValue("1h") Duration reopenWindow) {

    AlertMappingSettings mapping() {
        return new AlertMappingSettings(severities, defaultSeverity, severityLabel, serviceLabels, onAllResolved,
                reopenWindow);
    }
}
