package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.app.e2e.BlackboxClient.Answer;
import dev.blackbox.query.replay.ReadModelProcessor;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Every command answer says where its events are in the store ({@code Blackbox-Position}), and a read
 * given that position ({@code minPosition}) answers only once the read models have processed it.
 */
@TestPropertySource(properties = "blackbox.consistency.max-wait=400ms")
class ReadYourWritesEndToEndTest extends EndToEndTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void everyCommandAnswerCarriesAPositionThatOnlyGrows() {
        Answer detected = client.post("/api/v1/incidents", """
                {"incidentId":"ryw-1","title":"Checkout fails","severity":"SEV2"}""", Tokens.RESPONDER);
        Answer noted = client.post("/api/v1/incidents/ryw-1/notes", """
                {"noteId":"n-1","text":"Paged the DBA"}""", Tokens.RESPONDER);
        Answer retried = client.post("/api/v1/incidents/ryw-1/notes", """
                {"noteId":"n-1","text":"Paged the DBA"}""", Tokens.RESPONDER);
        Answer other = client.post("/api/v1/incidents", """
                {"incidentId":"ryw-2","title":"Search fails","severity":"SEV3"}""", Tokens.RESPONDER);
        Answer resolved = client.post("/api/v1/incidents/ryw-1/resolution", null, Tokens.RESPONDER);

        long first = position(detected);
        assertThat(first).isPositive();
        assertThat(position(noted)).isGreaterThan(first);
        assertThat(position(retried)).as("a retry points at what the original stored").isEqualTo(position(noted));
        assertThat(position(other)).isGreaterThan(position(noted));
        assertThat(position(resolved)).isGreaterThan(position(other));
    }

    @Test
    void aReadAtACommandsPositionShowsThatCommandsFact() {
        client.detect("ryw-3", Tokens.RESPONDER);
        long position = position(client.post("/api/v1/incidents/ryw-3/resolution", """
                {"resolution":"Rolled back deploy 4711"}""", Tokens.RESPONDER));

        Answer postmortem = client.get("/api/v1/incidents/ryw-3/postmortem?minPosition=" + position, Tokens.VIEWER);
        Answer list = client.get("/api/v1/incidents?status=RESOLVED&minPosition=" + position, Tokens.VIEWER);

        assertThat(postmortem.status()).isEqualTo(200);
        assertThat(postmortem.body()).contains("Rolled back deploy 4711").doesNotContain("Draft");
        assertThat(list.body()).contains("ryw-3");
    }

    @Test
    void aPositionTheReadModelsHaveNotReachedIsAnsweredWithRetryAfter() {
        StreamingEventProcessor readModels = processing
                .eventProcessor(ReadModelProcessor.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        readModels.shutDown();
        try {
            long position = position(client.post("/api/v1/incidents", """
                    {"incidentId":"ryw-4","title":"Checkout fails","severity":"SEV2"}""", Tokens.RESPONDER));

            Answer behind = client.exchange("GET", "/api/v1/incidents/ryw-4?minPosition=" + position, null,
                    Tokens.VIEWER, Map.of());

            assertThat(behind.status()).isEqualTo(503);
            assertThat(behind.contentType()).startsWith("application/problem+json");
            assertThat(behind.json().get("detail").asText()).contains(Long.toString(position));
            assertThat(behind.header("Retry-After")).isEqualTo("1");
        } finally {
            readModels.start();
        }
    }

    @Test
    void aPositionBeyondTheStoresLastEventIsABadRequest() {
        long position = position(client.post("/api/v1/incidents", """
                {"incidentId":"ryw-5","title":"Checkout fails","severity":"SEV2"}""", Tokens.RESPONDER));

        Answer ahead = client.get("/api/v1/incidents/ryw-5?minPosition=" + (position + 1_000_000), Tokens.VIEWER);

        assertThat(ahead.status()).as("a position no answer of this store gave is not waited for").isEqualTo(400);
        assertThat(ahead.contentType()).startsWith("application/problem+json");
        assertThat(ahead.json().get("detail").asText()).contains("beyond the last event");
    }

    @Test
    void aMinPositionThatIsNoPositionIsABadRequest() {
        for (String bad : new String[] {"soon", "-1", "1.5", "99999999999999999999"}) {
            Answer answer = client.get("/api/v1/incidents?minPosition=" + bad, Tokens.VIEWER);

            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("detail").asText()).contains("minPosition");
        }
    }

    private static long position(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(200, 299);
        return Long.parseLong(answer.header("Blackbox-Position"));
    }
}
