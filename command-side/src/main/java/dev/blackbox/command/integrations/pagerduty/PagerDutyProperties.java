package dev.blackbox.command.integrations.pagerduty;

import dev.blackbox.events.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How PagerDuty's webhooks are checked and how its incidents' priority and urgency become a severity.
 *
 * @param signingSecrets  the signing secrets of the webhook subscriptions (several while one is rotated);
 *                        when none is set, a delivery needs a bearer token of role responder instead
 * @param priorities      priority names (PagerDuty's {@code priority.summary}, any case) and the severity
 *                        each means; entries add to or override P1 SEV1, P2 SEV2, P3 SEV3, P4 and P5 SEV4
 * @param urgencies       the severity of an incident without a priority in {@code priorities}, by its
 *                        urgency; entries add to or override high SEV2, low SEV3
 * @param defaultSeverity the severity when neither priority nor urgency says one
 */
@ConfigurationProperties("blackbox.integrations.pagerduty")
public record PagerDutyProperties(
        List<String> signingSecrets,
        Map<String, Severity> priorities,
        Map<String, Severity> urgencies,
        @DefaultValue("SEV3") Severity defaultSeverity) {

    static final Map<String, Severity> DEFAULT_PRIORITIES = Map.of(
            "p1", Severity.SEV1, "p2", Severity.SEV2, "p3", Severity.SEV3, "p4", Severity.SEV4, "p5", Severity.SEV4);
    static final Map<String, Severity> DEFAULT_URGENCIES = Map.of("high", Severity.SEV2, "low", Severity.SEV3);

    /** Blank secrets (an environment variable set to nothing) count as none. */
    public PagerDutyProperties {
        signingSecrets = signingSecrets == null ? List.of()
                : signingSecrets.stream().filter(secret -> secret != null && !secret.isBlank()).toList();
        priorities = merged(DEFAULT_PRIORITIES, priorities);
        urgencies = merged(DEFAULT_URGENCIES, urgencies);
    }

    /** The severity of an incident with this priority name and urgency, either of them possibly null. */
    Severity severityOf(String priority, String urgency) {
        Severity byPriority = priority == null ? null : priorities.get(priority.toLowerCase(Locale.ROOT));
        if (byPriority != null) {
            return byPriority;
        }
        Severity byUrgency = urgency == null ? null : urgencies.get(urgency.toLowerCase(Locale.ROOT));
        return byUrgency != null ? byUrgency : defaultSeverity;
    }

    private static Map<String, Severity> merged(Map<String, Severity> defaults, Map<String, Severity> given) {
        Map<String, Severity> merged = new LinkedHashMap<>(defaults);
        if (given != null) {
            given.forEach((name, severity) -> merged.put(name.toLowerCase(Locale.ROOT), severity));
        }
        return Map.copyOf(merged);
    }
}
