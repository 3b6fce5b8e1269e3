package dev.blackbox.command.integrations.pagerduty;

import static dev.blackbox.command.integrations.Texts.LONG;
import static dev.blackbox.command.integrations.Texts.SHORT;
import static dev.blackbox.command.integrations.Texts.cut;

import dev.blackbox.command.incident.AcknowledgeIncident;
import dev.blackbox.command.incident.AddNote;
import dev.blackbox.command.incident.ChangeSeverity;
import dev.blackbox.command.incident.DetectIssue;
import dev.blackbox.command.incident.Escalate;
import dev.blackbox.command.incident.IncidentCommand;
import dev.blackbox.command.incident.Reopen;
import dev.blackbox.command.incident.Resolve;
import dev.blackbox.command.integrations.FieldProblem;
import dev.blackbox.command.integrations.pagerduty.PagerDutyWebhook.Data;
import dev.blackbox.command.integrations.pagerduty.PagerDutyWebhook.Event;
import dev.blackbox.command.integrations.pagerduty.PagerDutyWebhook.Reference;
import dev.blackbox.events.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns a PagerDuty webhook event into the command it records on the Blackbox incident of its
 * PagerDuty incident ({@code pd-<PagerDuty's incident id>}), at the event's {@code occurred_at}.
 * Text is kept as sent (renderers escape it) and cut to the lengths the command API accepts.
 */
final class PagerDutyMapping {

    static final String TRIGGERED = "incident.triggered";
    static final String ACKNOWLEDGED = "incident.acknowledged";
    static final String ESCALATED = "incident.escalated";
    static final String REASSIGNED = "incident.reassigned";
    static final String ANNOTATED = "incident.annotated";
    static final String PRIORITY_UPDATED = "incident.priority_updated";
    static final String RESOLVED = "incident.resolved";
    static final String REOPENED = "incident.reopened";

    /** The event types Blackbox records; PagerDuty's others are answered and left out. */
    static final Set<String> RECORDED = Set.of(TRIGGERED, ACKNOWLEDGED, ESCALATED, REASSIGNED, ANNOTATED,
            PRIORITY_UPDATED, RESOLVED, REOPENED);

    static final String DETECTED_BY = "pagerduty";

    /** PagerDuty's ids are letters and digits; anything else could make two incidents share one Blackbox id. */
    private static final Pattern PAGERDUTY_ID = Pattern.compile("[A-Za-z0-9]{1,100}");
    /** Event ids become idempotency keys: visible ASCII of a bounded length. */
    private static final Pattern EVENT_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");

    /** How far ahead of the server's clock a sender's clock may run, as the incident allows. */
    private static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

    private final PagerDutyProperties properties;

    PagerDutyMapping(PagerDutyProperties properties) {
        this.properties = properties;
    }

    /**
     * What makes the webhook unusable at {@code now}; empty when it can be recorded or is of a type
     * Blackbox leaves out. A time too far in the future is refused here, before anything is recorded,
     * though the incident would refuse it too: an event for an incident not yet triggered opens it first.
     */
    static List<FieldProblem> problems(PagerDutyWebhook webhook, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        Event event = webhook.event();
        if (event == null) {
            problems.add(new FieldProblem("event", "must be PagerDuty's webhook event (webhooks v3)"));
            return problems;
        }
        if (event.id() == null || !EVENT_ID.matcher(event.id()).matches()) {
            problems.add(new FieldProblem("event.id", "must be 1-200 visible ASCII characters"));
        }
        if (event.eventType() == null || event.eventType().isBlank()) {
            problems.add(new FieldProblem("event.event_type", "must not be blank"));
        }
        if (!recorded(event)) {
            return problems;
        }
        Instant occurredAt = PagerDutyWebhook.instant(event.occurredAt());
        if (occurredAt == null) {
            problems.add(new FieldProblem("event.occurred_at", "must be an RFC 3339 time"));
        } else if (occurredAt.isAfter(now.plus(CLOCK_SKEW_ALLOWANCE))) {
            problems.add(new FieldProblem("event.occurred_at", "must not be more than "
                    + CLOCK_SKEW_ALLOWANCE.toMinutes() + " minutes in the future"));
        }
        Data data = event.data();
        if (data == null) {
            problems.add(new FieldProblem("event.data", ANNOTATED.equals(event.eventType())
                    ? "must be the note" : "must be the incident"));
            return problems;
        }
        if (ANNOTATED.equals(event.eventType())) {
            if (data.incident() == null || !validId(data.incident().id())) {
                problems.add(new FieldProblem("event.data.incident.id",
                        "must be PagerDuty's incident id (letters and digits)"));
            }
            if (data.content() == null) {
                problems.add(new FieldProblem("event.data.content", "must be the note's text"));
            }
        } else if (!validId(data.id())) {
            problems.add(new FieldProblem("event.data.id", "must be PagerDuty's incident id (letters and digits)"));
        }
        if ((ESCALATED.equals(event.eventType()) || REASSIGNED.equals(event.eventType())) && target(data) == null) {
            problems.add(new FieldProblem("event.data.assignees",
                    "must name whom the incident went to (or event.data.escalation_policy must)"));
        }
        return problems;
    }

    static boolean recorded(Event event) {
        return RECORDED.contains(event.eventType());
    }

    /** The Blackbox incident of the event's PagerDuty incident: the incident itself, or the one a note names. */
    static String incidentId(Event event) {
        return "pd-" + (ANNOTATED.equals(event.eventType()) ? event.data().incident().id() : event.data().id());
    }

    /** The idempotency key of the event's command: a redelivery of the event records nothing again. */
    static String idempotencyKey(Event event) {
        return "pagerduty:" + event.id();
    }

    /** The command that records {@code event}, which must have no {@link #problems}. */
    IncidentCommand command(Event event, String by) {
        String incidentId = incidentId(event);
        Instant at = PagerDutyWebhook.instant(event.occurredAt());
        Data data = event.data();
        String agent = agent(event);
        String byAgent = agent == null ? "" : " by " + agent;
        return switch (event.eventType()) {
            case TRIGGERED -> detection(incidentId, at, by, data, "");
            case ACKNOWLEDGED -> new AcknowledgeIncident(incidentId, at, by, agent);
            case ESCALATED -> new Escalate(incidentId, at, by, target(data), cut("Escalated in PagerDuty" + byAgent
                    + (data.escalationPolicy() == null ? "" : " (escalation policy "
                            + data.escalationPolicy().summary() + ")"), LONG));
            case REASSIGNED -> new Escalate(incidentId, at, by, target(data),
                    cut("Reassigned in PagerDuty" + byAgent, LONG));
            case ANNOTATED -> new AddNote(incidentId, at, by, noteId(event), note(data, agent));
            case PRIORITY_UPDATED -> new ChangeSeverity(incidentId, at, by, severity(data),
                    cut((data.priority() == null ? "Priority removed in PagerDuty"
                            : "Priority set to " + data.priority().summary() + " in PagerDuty") + byAgent, LONG));
            case RESOLVED -> new Resolve(incidentId, at, by, cut("Resolved in PagerDuty" + byAgent, LONG));
            case REOPENED -> new Reopen(incidentId, at, by, cut("Reopened in PagerDuty" + byAgent, LONG));
            default -> throw new IllegalArgumentException("Blackbox does not record " + event.eventType());
        };
    }

    /**
     * The detection that opens the incident from what a later event says of it, for an event that
     * PagerDuty delivered before the incident's {@code incident.triggered}: at the incident's
     * {@code created_at} when the event has it, else at the event's time.
     */
    DetectIssue detectionFromLaterEvent(Event event, String by) {
        Instant at = PagerDutyWebhook.instant(event.occurredAt());
        String note = "\n\nOpened from PagerDuty's " + event.eventType()
                + " event, delivered before incident.triggered.";
        if (ANNOTATED.equals(event.eventType())) {
            Reference incident = event.data().incident();
            String title = nonBlank(incident.summary()) ? incident.summary() : "PagerDuty incident " + incident.id();
            return new DetectIssue(incidentId(event), at, by, cut(title, SHORT),
                    cut("PagerDuty incident " + incident.id() + link(incident.htmlUrl()) + note, LONG),
                    properties.defaultSeverity(), DETECTED_BY, null, List.of(), null, false);
        }
        Instant created = PagerDutyWebhook.instant(event.data().createdAt());
        return detection(incidentId(event), created != null && created.isBefore(at) ? created : at, by,
                event.data(), note);
    }

    private DetectIssue detection(String incidentId, Instant at, String by, Data data, String note) {
        String title = nonBlank(data.title()) ? data.title()
                : "PagerDuty incident " + (data.number() != null ? "#" + data.number() : data.id());
        String service = data.service() == null || !nonBlank(data.service().summary()) ? null
                : cut(data.service().summary(), SHORT);
        List<String> facts = Stream.of(
                        data.urgency() == null ? null : "urgency " + data.urgency(),
                        data.priority() == null ? null : "priority " + data.priority().summary(),
                        data.escalationPolicy() == null ? null
                                : "escalation policy " + data.escalationPolicy().summary())
                .filter(fact -> fact != null).toList();
        String description = "PagerDuty incident " + (data.number() != null ? "#" + data.number() : data.id())
                + (service == null ? "" : " on " + service)
                + (facts.isEmpty() ? "" : ", " + String.join(", ", facts))
                + link(data.htmlUrl()) + note;
        return new DetectIssue(incidentId, at, by, cut(title, SHORT), cut(description, LONG), severity(data),
                DETECTED_BY, null, service == null ? List.of() : List.of(service), null, false);
    }

    private Severity severity(Data data) {
        return properties.severityOf(data.priority() == null ? null : data.priority().summary(), data.urgency());
    }

    private static String note(Data data, String agent) {
        return cut((agent == null ? "" : agent + " in PagerDuty: ") + data.content()
                + (Boolean.TRUE.equals(data.trimmed()) ? "\n\n(PagerDuty trimmed this note"
                        + (data.incident().htmlUrl() == null ? ")"
                                : "; the whole note is at " + data.incident().htmlUrl() + ")")
                        : ""), LONG);
    }

    /** Whom an escalated or reassigned incident went to: its first assignee, else its escalation policy. */
    private static String target(Data data) {
        return Stream.concat(data.assignees().stream(), Stream.ofNullable(data.escalationPolicy()))
                .map(Reference::summary).filter(PagerDutyMapping::nonBlank).findFirst()
                .map(summary -> cut(summary, SHORT)).orElse(null);
    }

    private static String agent(Event event) {
        return event.agent() == null || !nonBlank(event.agent().summary()) ? null : cut(event.agent().summary(), SHORT);
    }

    /** One note per event, whichever token or signature delivered it. */
    private static String noteId(Event event) {
        return "pagerduty-" + UUID.nameUUIDFromBytes(event.id().getBytes(StandardCharsets.UTF_8));
    }

    private static String link(String url) {
        return nonBlank(url) ? "\n" + url : "";
    }

    private static boolean validId(String id) {
        return id != null && PAGERDUTY_ID.matcher(id).matches();
    }

    private static boolean nonBlank(String text) {
        return text != null && !text.isBlank();
    }
}
