package dev.blackbox.command.integrations;

import static dev.blackbox.command.integrations.Texts.LONG;
import static dev.blackbox.command.integrations.Texts.SHORT;
import static dev.blackbox.command.integrations.Texts.cut;

import dev.blackbox.command.incident.RecordAlerts;
import dev.blackbox.events.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns an alert router's notification into what the incident of its group records: the detection a
 * first firing notification opens it with, and each alert with the notes that record it. Text is
 * kept as sent (renderers escape it) and cut to the lengths the command API accepts.
 */
final class AlertMapping {

    private static final int MAX_SERVICES = 100;
    private static final int MAX_LABELS = 50;
    private static final int KEY_HEX_DIGITS = 24;

    private final AlertMappingSettings settings;
    private final String source;
    private final String sourceName;

    AlertMapping(AlertMappingSettings settings, AlertSource source) {
        this.settings = settings;
        this.source = source.name();
        this.sourceName = source.displayName();
    }

    /**
     * The incident of a group: the same receiver and group key always give the same id, and each
     * later incident of the group (once an earlier one is over) the next generation's.
     */
    String incidentId(String receiver, String groupKey, int generation) {
        String seed = source + '\n' + receiver + '\n' + groupKey + (generation == 0 ? "" : "\n" + generation);
        return source + "-" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }

    /** What the incident {@code incidentId} of the group is told; its successor is the next generation. */
    RecordAlerts command(AlertNotification notification, String by, int generation) {
        String receiver = notification.receiver();
        return new RecordAlerts(incidentId(receiver, notification.groupKey(), generation), by,
                incidentId(receiver, notification.groupKey(), generation + 1), detection(notification),
                notification.alerts().stream().map(this::alert).toList(), settings.onAllResolved(),
                settings.reopenWindow());
    }

    private RecordAlerts.Detection detection(AlertNotification notification) {
        List<AlertNotification.Alert> firing = notification.alerts().stream()
                .filter(AlertNotification.Alert::firing).toList();
        String title = first(Stream.concat(
                Stream.concat(Stream.of(notification.commonAnnotations().get("summary")),
                        firing.stream().map(alert -> alert.annotations().get("summary"))),
                Stream.concat(Stream.of(notification.commonLabels().get("alertname")),
                        firing.stream().map(alert -> alert.labels().get("alertname")))))
                .orElse("Alerts of " + sourceName + " receiver " + notification.receiver());
        String description = first(Stream.concat(Stream.of(notification.commonAnnotations().get("description")),
                firing.stream().map(alert -> alert.annotations().get("description"))))
                .map(text -> text + "\n\n").orElse("")
                + "Alert group " + labels(notification.groupLabels()) + " of " + sourceName + " receiver "
                + notification.receiver() + ", " + firing.size() + " firing"
                + (notification.truncatedAlerts() == null || notification.truncatedAlerts() <= 0 ? ""
                        : ", " + notification.truncatedAlerts() + " more alerts left out by " + sourceName + "'s max_alerts")
                + (notification.externalURL() == null ? "" : "\n" + sourceName + ": " + notification.externalURL());
        Severity severity = firing.stream().map(alert -> settings.severityOf(alert.labels()))
                .min(Comparator.naturalOrder()).orElse(settings.defaultSeverity());
        List<String> services = firing.stream().map(alert -> service(alert.labels())).filter(Objects::nonNull)
                .distinct().limit(MAX_SERVICES).toList();
        return new RecordAlerts.Detection(cut(title, SHORT), cut(description, LONG), severity,
                cut(source + "/" + notification.receiver(), SHORT), services);
    }

    private RecordAlerts.Alert alert(AlertNotification.Alert alert) {
        Instant start = alert.start();
        String name = cut(alert.labels().getOrDefault("alertname", "(no alertname)"), SHORT);
        String severity = alert.labels().get(settings.severityLabel());
        String summary = alert.annotations().get("summary");
        String firingText = "Alert " + name + " firing since " + start
                + (severity == null ? "" : " (" + settings.severityLabel() + " " + severity + ")")
                + (summary == null ? "" : ": " + summary)
                + "\nLabels: " + labels(alert.labels())
                + (alert.values().isEmpty() ? "" : "\nValues: " + alert.values().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey()).map(value -> value.getKey() + "=" + value.getValue())
                        .collect(Collectors.joining(", ")))
                + link("Source", alert.generatorURL()) + link("Dashboard", alert.dashboardURL())
                + link("Panel", alert.panelURL());
        String resolvedText = "Alert " + name + " resolved" + (alert.firing() ? "" : " at " + alert.end())
                + " (firing since " + start + ")";
        String service = service(alert.labels());
        return new RecordAlerts.Alert(key(alert.fingerprint(), start), name, alert.firing(), start,
                alert.firing() ? null : alert.end(), service == null ? List.of() : List.of(service),
                cut(firingText, LONG), cut(resolvedText, LONG), kept(alert.labels()));
    }

    /** An alert's labels as its note keeps them: the first ones by name, each name and value cut. */
    private static Map<String, String> kept(Map<String, String> labels) {
        Map<String, String> kept = new TreeMap<>();
        labels.entrySet().stream().filter(label -> !label.getKey().isBlank() && !label.getValue().isBlank())
                .sorted(Map.Entry.comparingByKey()).limit(MAX_LABELS)
                .forEach(label -> kept.put(cut(label.getKey(), SHORT), cut(label.getValue(), SHORT)));
        return kept;
    }

    private static String link(String what, String url) {
        return url == null || url.isBlank() ? "" : "\n" + what + ": " + url;
    }

    private String service(Map<String, String> labels) {
        String service = settings.serviceOf(labels);
        String kept = service == null ? "" : cut(service, SHORT);
        return kept.isBlank() ? null : kept;
    }

    /** The router's identity of one firing of an alert, as letters and digits. */
    private static String key(String fingerprint, Instant start) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((fingerprint + '\n' + start).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, KEY_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static String labels(Map<String, String> labels) {
        return labels.isEmpty() ? "{}" : labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(label -> label.getKey() + "=" + label.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static Optional<String> first(Stream<String> candidates) {
        return candidates.filter(text -> text != null && !text.isBlank()).findFirst();
    }
}
