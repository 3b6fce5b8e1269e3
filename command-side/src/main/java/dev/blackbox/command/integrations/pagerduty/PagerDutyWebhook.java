package dev.blackbox.command.integrations.pagerduty;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * PagerDuty's webhook payload, version 3: one event about one resource. For incident events
 * {@code data} is the incident; for {@code incident.annotated} it is the note, which names its
 * incident. Fields not read here are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record PagerDutyWebhook(Event event) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Event(String id, String eventType, String resourceType, String occurredAt, Reference agent, Data data) {
    }

    /** A reference to a user, service, policy or incident: its id and PagerDuty's one-line summary of it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Reference(String id, String type, String summary, String htmlUrl) {
    }

    /** An incident, or for {@code incident.annotated} a note ({@code incident}, {@code content}, {@code trimmed}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Data(String id, String type, Long number, String title, String status, String urgency, String htmlUrl,
            Reference service, List<Reference> assignees, Reference escalationPolicy, Reference priority,
            String createdAt, Reference incident, String content, Boolean trimmed) {

        Data {
            assignees = assignees == null ? List.of() : assignees.stream().filter(a -> a != null).toList();
        }
    }

    /** An RFC 3339 time as PagerDuty writes it, or null when it is none. */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
