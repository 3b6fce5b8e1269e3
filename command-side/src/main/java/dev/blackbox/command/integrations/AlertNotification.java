package dev.blackbox.command.integrations;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Alertmanager's webhook payload, version 4, which Grafana's webhook contact point also sends as its
 * own version 1 (with a few more fields, some of them per alert; those not read here are ignored).
 * Read as sent; {@link #problems} says what makes it unusable.
 * Times are Go's RFC 3339 text, possibly with an offset; a firing alert's {@code endsAt} is Go's zero
 * time or a time in the future.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertNotification(
        String version,
        String status,
        String receiver,
        String groupKey,
        Integer truncatedAlerts,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        String externalURL,
        List<Alert> alerts) {

    static final String FIRING = "firing";
    static final String RESOLVED = "resolved";
    private static final int MAX_NAME = 200;
    /** Alert times before it are not times an alert router sends (Go's zero time marks "none"). */
    private static final Instant EARLIEST = Instant.EPOCH;

    public AlertNotification {
        groupLabels = withoutNulls(groupLabels);
        commonLabels = withoutNulls(commonLabels);
        commonAnnotations = withoutNulls(commonAnnotations);
        alerts = alerts == null ? List.of() : alerts.stream().filter(alert -> alert != null).toList();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(
            String status,
            Map<String, String> labels,
            Map<String, String> annotations,
            String startsAt,
            String endsAt,
            String generatorURL,
            String fingerprint,
            String dashboardURL,
            String panelURL,
            Map<String, Object> values) {

        public Alert {
            labels = withoutNulls(labels);
            annotations = withoutNulls(annotations);
            values = values == null ? Map.of() : values;
        }

        boolean firing() {
            return FIRING.equals(status);
        }

        Instant start() {
            return instant(startsAt);
        }

        Instant end() {
            return instant(endsAt);
        }
    }

    /**
     * What makes the notification unusable, as {@code field: message}; empty when it can be recorded.
     * {@code source} says which payload version it must be.
     */
    public List<FieldProblem> problems(AlertSource source) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!source.version().equals(version)) {
            problems.add(new FieldProblem("version", "must be \"" + source.version() + "\" (" + source.displayName()
                    + "'s webhook payload)"));
        }
        if (!FIRING.equals(status) && !RESOLVED.equals(status)) {
            problems.add(new FieldProblem("status", "must be \"firing\" or \"resolved\""));
        }
        checkName(problems, "receiver", receiver);
        if (groupKey == null || groupKey.isBlank()) {
            problems.add(new FieldProblem("groupKey", "must not be blank"));
        }
        if (alerts.isEmpty()) {
            problems.add(new FieldProblem("alerts", "must list at least one alert"));
        }
        for (int i = 0; i < alerts.size(); i++) {
            Alert alert = alerts.get(i);
            String field = "alerts[" + i + "].";
            if (!FIRING.equals(alert.status()) && !RESOLVED.equals(alert.status())) {
                problems.add(new FieldProblem(field + "status", "must be \"firing\" or \"resolved\""));
            }
            if (alert.fingerprint() == null || alert.fingerprint().isBlank()) {
                problems.add(new FieldProblem(field + "fingerprint", "must not be blank"));
            }
            if (instant(alert.startsAt()) == null) {
                problems.add(new FieldProblem(field + "startsAt", "must be an RFC 3339 time after 1970"));
            }
            if (RESOLVED.equals(alert.status())) {
                Instant end = instant(alert.endsAt());
                if (end == null) {
                    problems.add(new FieldProblem(field + "endsAt", "must be an RFC 3339 time after 1970 for a resolved alert"));
                } else if (instant(alert.startsAt()) != null && end.isBefore(alert.start())) {
                    problems.add(new FieldProblem(field + "endsAt", "must not be before startsAt"));
                }
            }
        }
        return problems;
    }

    private static void checkName(List<FieldProblem> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "must not be blank"));
        } else if (value.length() > MAX_NAME) {
            problems.add(new FieldProblem(field, "must be at most " + MAX_NAME + " characters"));
        }
    }

    /** The instant an RFC 3339 text names, or null when it names none after 1970. */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(text).toInstant();
            return instant.isBefore(EARLIEST) ? null : instant;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Map<String, String> withoutNulls(Map<String, String> map) {
        if (map == null) {
            return Map.of();
        }
        return map.entrySet().stream().filter(e -> e.getKey() != null && e.getValue() != null)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
