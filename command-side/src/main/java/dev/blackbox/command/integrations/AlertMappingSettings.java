package dev.blackbox.command.integrations;

import dev.blackbox.command.incident.RecordAlerts.WhenAllResolved;
import dev.blackbox.events.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an alert router's alerts become an incident; each integration's settings give one.
 *
 * @param severities      severity label values (any case) and the severity each means
 * @param defaultSeverity the severity of an alert whose label is missing or not in {@code severities}
 * @param severityLabel   the label that holds an alert's severity
 * @param serviceLabels   the labels that name an alert's service, the first one an alert has counts
 * @param onAllResolved   what the incident records when every alert of the group has resolved
 * @param reopenWindow    how long after its mitigation or resolution an incident takes alerts that
 *                        fire again (reopening it when resolved); later ones open a new incident
 */
public record AlertMappingSettings(
        Map<String, Severity> severities,
        Severity defaultSeverity,
        String severityLabel,
        List<String> serviceLabels,
        WhenAllResolved onAllResolved,
        Duration reopenWindow) {

    /** The usual severity words of alerting rules. */
    public static final Map<String, Severity> DEFAULT_SEVERITIES = Map.of(
            "critical", Severity.SEV1,
            "major", Severity.SEV2, "high", Severity.SEV2, "error", Severity.SEV2,
            "warning", Severity.SEV3, "minor", Severity.SEV3,
            "info", Severity.SEV4, "low", Severity.SEV4);

    /** Given severities add to, or override, {@link #DEFAULT_SEVERITIES}; label values match in any case. */
    public AlertMappingSettings {
        Map<String, Severity> merged = new LinkedHashMap<>(DEFAULT_SEVERITIES);
        if (severities != null) {
            severities.forEach((value, severity) -> merged.put(value.toLowerCase(Locale.ROOT), severity));
        }
        severities = Map.copyOf(merged);
        serviceLabels = List.copyOf(serviceLabels);
        if (reopenWindow.isNegative()) {
            throw new IllegalArgumentException("the reopen window must not be negative");
        }
    }

    Severity severityOf(Map<String, String> labels) {
        String value = labels.get(severityLabel);
        Severity severity = value == null ? null : severities.get(value.toLowerCase(Locale.ROOT));
        return severity != null ? severity : defaultSeverity;
    }

    String serviceOf(Map<String, String> labels) {
        return serviceLabels.stream().map(labels::get).filter(value -> value != null && !value.isBlank())
                .findFirst().orElse(null);
    }
}
