package dev.blackbox.query.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.blackbox.events.Severity;
import dev.blackbox.query.incident.IncidentStatus;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.timeline.TimelineEntryKind;
import dev.blackbox.query.timeline.TimelineEntryView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant AT = Instant.parse("2024-03-01T14:02:00Z");

    private final DeliveryBodies bodies = new DeliveryBodies(JSON);

    @Test
    void theBlackboxFormatIsTheTimelineEntryWithItsIncidentSequencePositionAndType() throws Exception {
        JsonNode body = JSON.readTree(bodies.body(SubscriptionFormat.BLACKBOX, fact("Note: all good", "alice")));

        assertThat(body.path("type").asText()).isEqualTo("NoteAdded");
        assertThat(body.path("incidentId").asText()).isEqualTo("checkout-1");
        assertThat(body.path("sequence").asLong()).isEqualTo(3);
        assertThat(body.path("position").asLong()).isEqualTo(42);
        assertThat(body.path("drill").asBoolean()).isFalse();
        assertThat(body.path("entry").path("occurredAt").asText()).isEqualTo("2024-03-01T14:02:00Z");
        assertThat(body.path("entry").path("kind").asText()).isEqualTo("NOTE_ADDED");
        assertThat(body.path("entry").path("text").asText()).isEqualTo("Note: all good");
    }

    @Test
    void theSlackFormatIsAnIncomingWebhookMessageWithTextAndValidBlocks() throws Exception {
        JsonNode body = JSON.readTree(bodies.body(SubscriptionFormat.SLACK, fact("Note: all good", "alice")));

        assertIncomingWebhookMessage(body);
        assertThat(body.path("text").asText()).isEqualTo("*checkout-1* (SEV1) Note: all good");
        assertThat(body.path("blocks").get(1).path("elements").get(0).path("text").asText())
                .isEqualTo("NOTE_ADDED at 2024-03-01T14:02:00Z by alice");
    }

    @Test
    void whatPeopleTypedCannotMentionAChannelOrMakeALinkInSlack() throws Exception {
        JsonNode body = JSON.readTree(bodies.body(SubscriptionFormat.SLACK,
                fact("Note: <!channel> see <https://evil.example|docs> & co", "<@U123>")));

        assertIncomingWebhookMessage(body);
        String all = body.toString();
        assertThat(all).doesNotContain("<!channel>", "<https://", "<@U123>");
        assertThat(body.path("blocks").get(0).path("text").path("text").asText())
                .endsWith("Note: &lt;!channel&gt; see &lt;https://evil.example|docs&gt; &amp; co");
    }

    @Test
    void longTextsAreCutToWhatSlackTakes() throws Exception {
        JsonNode body = JSON.readTree(bodies.body(SubscriptionFormat.SLACK, fact("x".repeat(5000), "alice")));

        assertIncomingWebhookMessage(body);
        assertThat(body.path("blocks").get(0).path("text").path("text").asText()).hasSize(DeliveryBodies.SLACK_TEXT_LIMIT);
    }

    /**
     * Slack's incoming-webhook message as its reference describes it: a {@code text} string and
     * {@code blocks} of known types; section text and context elements are text objects of type
     * {@code mrkdwn} or {@code plain_text} of at most 3,000 characters; a context holds 1 to 10
     * elements; at most 50 blocks; nothing else at the top level.
     */
    private static void assertIncomingWebhookMessage(JsonNode body) {
        assertThat(body.isObject()).isTrue();
        assertThat(iterable(body.fieldNames())).isSubsetOf("text", "blocks", "attachments", "thread_ts", "mrkdwn");
        assertThat(body.path("text").isTextual()).isTrue();
        assertThat(body.path("text").asText()).isNotBlank();
        assertThat(body.path("blocks").isArray()).isTrue();
        assertThat(body.path("blocks").size()).isBetween(1, 50);
        for (JsonNode block : body.path("blocks")) {
            String type = block.path("type").asText();
            assertThat(type).isIn("section", "context", "divider", "header", "actions", "image");
            if (type.equals("section")) {
                assertThat(iterable(block.fieldNames())).isSubsetOf("type", "text", "block_id", "fields", "accessory");
                assertTextObject(block.path("text"));
            } else if (type.equals("context")) {
                assertThat(iterable(block.fieldNames())).isSubsetOf("type", "elements", "block_id");
                assertThat(block.path("elements").size()).isBetween(1, 10);
                block.path("elements").forEach(DeliveryBodiesTest::assertTextObject);
            }
        }
    }

    private static void assertTextObject(JsonNode text) {
        assertThat(iterable(text.fieldNames())).isSubsetOf("type", "text", "emoji", "verbatim");
        assertThat(text.path("type").asText()).isIn("mrkdwn", "plain_text");
        assertThat(text.path("text").isTextual()).isTrue();
        assertThat(text.path("text").asText().length()).isBetween(1, 3000);
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static DeliveryBodies.Fact fact(String text, String actor) {
        IncidentView incident = new IncidentView("checkout-1", "Checkout fails", null, IncidentStatus.OPEN,
                Severity.SEV1, false, AT, AT, "monitoring", "alert-bot", null, null, null, null, null, null, 0, null,
                null, List.of("checkout"), null, null, null, 0, 0, 0, 0, 0, AT);
        TimelineEntryView entry = new TimelineEntryView(AT, TimelineEntryKind.NOTE_ADDED, actor, text, null, null, null, 3);
        return new DeliveryBodies.Fact("NoteAdded", incident, entry, 42);
    }
}
