package dev.blackbox.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.NoteVisibility;
import dev.blackbox.events.Severity;
import dev.blackbox.query.search.SearchIndex;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Search and similar incidents as the query side assembles them: the index follows an event store
 * through its own reader, answers over HTTP, and is rebuilt by the replay endpoint.
 */
@SpringBootTest(classes = QuerySideWiringTest.QuerySideOnly.class, properties = {
        "axon.axonserver.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:search-wiring;DB_CLOSE_DELAY=-1",
        "spring.flyway.locations=classpath:db/migration/{vendor}",
        "axon.eventhandling.processors.read-models.mode=pooled"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchWiringTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Made before the context, which this class's one test instance is created with, and holding an
     * index as an earlier version left it: one Lucene index in the folder itself, with a fact of its own.
     */
    private static final Path indexDir = folderWithAnIndexOfTheEarlierLayout();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("blackbox.search.index-dir", () -> indexDir.toString());
    }

    @Autowired
    private EventStore eventStore;
    @Autowired
    private MockMvc mvc;
    @Autowired
    private SearchIndex searchIndex;

    /** The rewordings of the repository's scenarios: the same failure, other words, the same services. */
    private JsonNode rewordings;

    @BeforeAll
    void publishTheScenariosAndTheirRewordings() throws IOException {
        for (String name : Scenario.NAMES) {
            Scenario scenario = Scenario.load(name);
            publish(scenario.incidentId(), scenario.events());
        }
        try (InputStream in = SearchWiringTest.class.getResourceAsStream("/similar-incidents.json")) {
            rewordings = JSON.readTree(in);
        }
        Instant later = Instant.parse("2024-06-10T08:00:00Z");
        for (JsonNode incident : rewordings) {
            String id = incident.get("incidentId").asText();
            List<String> services = new ArrayList<>();
            incident.get("services").forEach(service -> services.add(service.asText()));
            List<IncidentEvent> events = new ArrayList<>(List.of(new IssueDetected(id, later, "oncall",
                    incident.get("title").asText(), incident.get("description").asText(), Severity.SEV2, "monitoring",
                    later, services, null, false)));
            int n = 0;
            for (JsonNode hypothesis : incident.get("hypotheses")) {
                events.add(new HypothesisRecorded(id, later.plusSeconds(60), "oncall", "h" + n++,
                        hypothesis.get("statement").asText(), hypothesis.get("component").asText()));
            }
            publish(id, events);
        }
        awaitEverythingIndexed();
    }

    /**
     * Until the index's last commit holds the store's last event. Waiting for one search to find
     * something is not enough: the indexer commits its first events at once and the rest a moment later.
     */
    private void awaitEverythingIndexed() {
        long head = eventStore.createHeadToken().position().orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(40)).until(searchIndex::position,
                position -> position != null && position >= head);
    }

    @Test
    @Order(1)
    void searchFindsTheFactBestFirstWithTheMatchedWordsMarkedAndTheRestEscaped() throws Exception {
        JsonNode result = await("/api/v1/search?q=certificate renewal", r -> r.path("total").asInt() >= 2);

        JsonNode best = result.path("hits").get(0);
        assertThat(best.get("incidentId").asText()).isEqualTo("cert-expiry-2024-03-09");
        assertThat(best.get("sequence").isNumber()).isTrue();
        assertThat(best.get("fragments").get(0).asText()).containsPattern("<mark>(certificate|renewal)</mark>");
        List<String> kinds = new ArrayList<>();
        result.path("hits").forEach(hit -> kinds.add(hit.get("incidentId").asText() + " " + hit.get("kind").asText()));
        assertThat(kinds).contains("cert-expiry-2024-03-09 ROOT_CAUSE");
        assertThat(best.get("score").asDouble()).isGreaterThanOrEqualTo(result.path("hits").get(1).get("score").asDouble());

        JsonNode escaped = await("/api/v1/search?q=\"api.example.com\"", r -> r.path("total").asInt() >= 1);
        assertThat(escaped.path("hits").get(0).get("fragments").get(0).asText()).doesNotContain("<b>");
    }

    @Test
    @Order(2)
    void filtersNarrowTheIncidentsSearched() throws Exception {
        JsonNode onlyCheckout = read("/api/v1/search?q=database OR payments&service=checkout");
        JsonNode resolvedSev4 = read("/api/v1/search?q=database&severity=SEV4");
        JsonNode before2024 = read("/api/v1/search?q=database&to=2024-01-01T00:00:00Z");

        onlyCheckout.path("hits").forEach(hit ->
                assertThat(hit.get("incidentId").asText()).isIn("dns-change-2024-05-13", "again-dns"));
        assertThat(onlyCheckout.path("total").asInt()).isPositive();
        assertThat(resolvedSev4.path("total").asInt()).isZero();
        before2024.path("hits").forEach(hit -> assertThat(hit.get("incidentId").asText()).isEqualTo("conn-leak-2023-10-14"));
        assertThat(before2024.path("total").asInt()).isPositive();
    }

    @Test
    @Order(2)
    void queriesNamingAFieldOtherThanTheWordsStillFindOnlyFacts() throws Exception {
        for (String q : List.of("*:*", "service:checkout", "type:incident", "database OR service:checkout")) {
            MockHttpServletResponse response = mvc.perform(get("/api/v1/search").param("q", q)).andReturn().getResponse();
            assertThat(response.getStatus()).as(q).isEqualTo(200);
            JsonNode result = JSON.readTree(response.getContentAsString());
            result.path("hits").forEach(hit -> {
                assertThat(hit.get("sequence").isNumber()).as(q).isTrue();
                assertThat(hit.get("kind").asText()).as(q).isNotEmpty();
            });
        }
        assertThat(read("/api/v1/search?q=*:*").path("total").asInt()).isGreaterThan(20);
        assertThat(read("/api/v1/search?q=type:incident").path("total").asInt()).isZero();
    }

    @Test
    @Order(2)
    void anIndexOfAnEarlierVersionIsBuiltAgainFromTheEvents() throws Exception {
        assertThat(read("/api/v1/search?q=fossilword").path("total").asInt()).isZero();
        try (var files = Files.list(indexDir)) {
            assertThat(files.filter(Files::isRegularFile)).as("files of the earlier layout's index").isEmpty();
        }
    }

    @Test
    @Order(3)
    void queriesTheSyntaxCannotReadAreA400() throws Exception {
        for (String q : List.of("title:(", "\"unclosed", "*leading", "AND", " ")) {
            mvc.perform(get("/api/v1/search").param("q", q)).andExpect(result ->
                    assertThat(result.getResponse().getStatus()).as(q).isEqualTo(400));
        }
    }

    @Test
    @Order(4)
    void everyRewordedIncidentFindsItsOriginalFirst() throws Exception {
        for (JsonNode incident : rewordings) {
            String id = incident.get("incidentId").asText();
            String original = incident.get("original").asText();
            JsonNode similar = await("/api/v1/incidents/" + id + "/similar", s -> s.path("incidents").size() > 0);

            JsonNode first = similar.path("incidents").get(0);
            assertThat(first.get("incidentId").asText()).as(id).isEqualTo(original);
            assertThat(first.path("sharedBy").path("services").size()).as(id).isPositive();
            assertThat(first.path("rootCause").path("summary").asText()).as(id).isNotBlank();
            assertThat(first.path("confirmedHypothesis").asText()).as(id).isNotBlank();
            similar.path("incidents").forEach(other ->
                    assertThat(other.get("incidentId").asText()).as(id).doesNotStartWith("again-"));
        }
        JsonNode leak = read("/api/v1/incidents/again-leak/similar").path("incidents").get(0);
        assertThat(leak.path("deadEnds").get(0).get("costSeconds").asLong()).isPositive();
        assertThat(leak.path("correctiveActions").get(0).has("completed")).isTrue();
        mvc.perform(get("/api/v1/incidents/nope/similar")).andExpect(result ->
                assertThat(result.getResponse().getStatus()).isEqualTo(404));
    }

    @Test
    @Order(5)
    void sharedAlertLabelsRankAnEarlierIncidentAboveOneWithTheSameWords() throws Exception {
        alertIncident("labels-first", "2024-06-11T08:00:00Z", "Error ratio above threshold at the edge",
                Map.of("alertname", "EdgeErrorRatio", "cluster", "eu-1"));
        alertIncident("labels-other", "2024-06-11T09:00:00Z", "Error ratio above threshold",
                Map.of("alertname", "OriginTimeouts", "cluster", "us-2"));
        alertIncident("labels-again", "2024-06-12T08:00:00Z", "Error ratio above threshold",
                Map.of("alertname", "EdgeErrorRatio", "cluster", "eu-1"));

        JsonNode similar = await("/api/v1/incidents/labels-again/similar", s -> s.path("incidents").size() >= 2);

        JsonNode first = similar.path("incidents").get(0);
        assertThat(first.get("incidentId").asText()).isEqualTo("labels-first");
        assertThat(first.path("sharedBy").path("labels").toString())
                .contains("alertname=EdgeErrorRatio", "cluster=eu-1");
        assertThat(similar.path("incidents").get(1).get("incidentId").asText()).isEqualTo("labels-other");
        assertThat(similar.path("incidents").get(1).path("sharedBy").path("labels").size()).isZero();
    }

    /** An incident as an alert router opens it: a detection, then the note of its alert with the alert's labels. */
    private void alertIncident(String id, String detectedAt, String title, Map<String, String> labels) {
        Instant at = Instant.parse(detectedAt);
        publish(id, List.of(
                new IssueDetected(id, at, "alertmanager", title, "", Severity.SEV2, "alertmanager/edge", at,
                        List.of("edge"), null, false),
                new NoteAdded(id, at, "alertmanager", "alert-" + id + "-firing", "Alert firing",
                        NoteVisibility.INTERNAL, labels)));
    }

    @Test
    @Order(6)
    void theReplayEndpointRebuildsTheIndexFromTheEvents() throws Exception {
        awaitEverythingIndexed();
        int before = read("/api/v1/search?q=database").path("total").asInt();

        mvc.perform(post("/api/v1/admin/projections/search/replay")).andExpect(result -> {
            assertThat(result.getResponse().getStatus()).isEqualTo(202);
            // Not the position of the index about to be emptied, or the rebuild would look finished.
            JsonNode accepted = JSON.readTree(result.getResponse().getContentAsString());
            assertThat(accepted.path("state").asText()).isEqualTo("catching-up");
            assertThat(accepted.path("position").isNull()).as(accepted.toString()).isTrue();
        });
        await("/api/v1/admin/projections/search/replay", status -> status.path("state").asText().equals("done"));

        assertThat(read("/api/v1/search?q=database").path("total").asInt()).isEqualTo(before);
    }

    @AfterAll
    void removeTheIndex() {
        FileSystemUtils.deleteRecursively(indexDir.toFile());
    }

    private static Path folderWithAnIndexOfTheEarlierLayout() {
        try {
            Path folder = Files.createTempDirectory("search-index");
            try (FSDirectory directory = FSDirectory.open(folder);
                 IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
                Document fact = new Document();
                fact.add(new StringField("type", "event", Field.Store.NO));
                fact.add(new StringField("incidentId", "fossil", Field.Store.YES));
                fact.add(new StoredField("sequence", 0L));
                fact.add(new StoredField("kind", "NOTE"));
                fact.add(new TextField("text", "fossilword", Field.Store.YES));
                writer.addDocument(fact);
                writer.commit();
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void publish(String incidentId, List<IncidentEvent> events) {
        for (int sequence = 0; sequence < events.size(); sequence++) {
            eventStore.publish(new GenericDomainEventMessage<>("Incident", incidentId, sequence, events.get(sequence)));
        }
    }

    private JsonNode read(String path) throws Exception {
        String body = mvc.perform(get(path)).andReturn().getResponse().getContentAsString();
        return JSON.readTree(body);
    }

    private JsonNode await(String path, Predicate<JsonNode> until) throws Exception {
        long deadline = System.currentTimeMillis() + 40_000;
        while (true) {
            JsonNode answer = read(path);
            if (until.test(answer)) {
                return answer;
            }
            assertThat(System.currentTimeMillis()).as("%s: %s", path, answer).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
