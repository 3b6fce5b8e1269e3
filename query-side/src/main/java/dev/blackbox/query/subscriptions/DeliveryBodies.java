package dev.blackbox.query.subscriptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.timeline.TimelineEntryView;
import java.time.format.DateTimeFormatter;

/** The body of one delivery in a subscription's format. */
final class DeliveryBodies {

    /** Slack cuts a section's text at 3,000 characters and refuses the message beyond that. */
    static final int SLACK_TEXT_LIMIT = 3000;

    private final ObjectMapper json;

    DeliveryBodies(ObjectMapper json) {
        this.json = json;
    }

    /** What is delivered for one fact. */
    record Fact(String eventType, IncidentView incident, TimelineEntryView entry, long position) {
    }

    String body(SubscriptionFormat format, Fact fact) {
        ObjectNode body = switch (format) {
            case BLACKBOX -> blackbox(fact);
            case SLACK -> slack(fact);
        };
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always writes", e);
        }
    }

    private ObjectNode blackbox(Fact fact) {
        ObjectNode body = json.createObjectNode();
        body.put("type", fact.eventType());
        body.put("incidentId", fact.incident().incidentId());
        body.put("sequence", fact.entry().sequence());
        body.put("position", fact.position());
        body.put("drill", fact.incident().drill());
        body.set("entry", json.valueToTree(fact.entry()));
        return body;
    }

    /**
     * Text and blocks as Slack's incoming webhooks take them. Everything people typed goes through
     * {@link #escape}, so it can neither mention a channel nor make a link.
     */
    private ObjectNode slack(Fact fact) {
        IncidentView incident = fact.incident();
        TimelineEntryView entry = fact.entry();
        String headline = "*" + escape(incident.incidentId()) + "* (" + incident.severity()
                + (incident.drill() ? ", drill" : "") + ")";
        String text = cut(headline + " " + escape(entry.text()));
        ObjectNode body = json.createObjectNode();
        body.put("text", text);
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode sectionText = section.putObject("text");
        sectionText.put("type", "mrkdwn");
        sectionText.put("text", cut(headline + "\n" + escape(entry.text())));
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        ObjectNode contextText = context.putArray("elements").addObject();
        contextText.put("type", "mrkdwn");
        contextText.put("text", cut(entry.kind() + " at " + DateTimeFormatter.ISO_INSTANT.format(entry.occurredAt())
                + (entry.actor() == null ? "" : " by " + escape(entry.actor()))));
        return body;
    }

    /** Slack's escaping for message text: these three characters are its control characters. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text) {
        return text.length() <= SLACK_TEXT_LIMIT ? text : text.substring(0, SLACK_TEXT_LIMIT - 1) + "…";
    }
}
