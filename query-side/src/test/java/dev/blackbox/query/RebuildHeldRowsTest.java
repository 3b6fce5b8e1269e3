package dev.blackbox.query;

import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.query.replay.ReadModelProcessor;
import dev.blackbox.query.timeline.TimelineProjection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a rebuild holds is not in the database, and neither is a token past it: half-way, a rebuild
 * has written nothing its stored token does not say, so a crash there would replay what it held
 * again. One segment, and more events per write than the store has, so nothing is written before
 * the replay ends; a handler stops the replay in the middle until the test lets it go.
 */
@SpringBootTest(classes = {QuerySideWiringTest.QuerySideOnly.class, RebuildHeldRowsTest.Stopper.class}, properties = {
        "axon.axonserver.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:rebuild-held;DB_CLOSE_DELAY=-1",
        "spring.flyway.locations=classpath:db/migration/{vendor}",
        "axon.eventhandling.processors.read-models.mode=pooled",
        "axon.eventhandling.processors.read-models.initial-segment-count=1",
        "blackbox.processing.rebuild-events-per-write=1000"})
@AutoConfigureMockMvc
class RebuildHeldRowsTest extends OwnDataDirectory {

    private static final String PROCESSOR = ReadModelProcessor.PROCESSING_GROUP;

    @Autowired
    private EventStore eventStore;
    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TokenStore tokenStore;

    @Test
    void halfWayARebuildHasWrittenNothingItsTokenDoesNotSay() throws Exception {
        RebuildWritesTogetherTest.publishInterleaved(eventStore);
        RebuildWritesTogetherTest.awaitAllDone(mvc, eventStore);
        Map<String, List<Map<String, Object>>> before = RebuildWritesTogetherTest.tables(jdbc);

        // The seventh of the replay's eighteen recorded hypotheses waits.
        Stopper.armAt(7);
        mvc.perform(post("/api/v1/admin/projections/{name}/replay", TimelineProjection.NAME))
                .andExpect(status().isAccepted());
        assertThat(Stopper.reached.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(countOf("timeline_entry")).isZero();
        assertThat(storedPosition()).as("the token stays where the rebuild began").isZero();
        mvc.perform(get("/api/v1/admin/projections/{name}/replay", TimelineProjection.NAME))
                .andExpect(jsonPath("$.state").value("replaying"));

        Stopper.release.countDown();
        RebuildWritesTogetherTest.awaitAllDone(mvc, eventStore);
        assertThat(RebuildWritesTogetherTest.tables(jdbc)).isEqualTo(before);
    }

    private int countOf(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    /**
     * Where the stored replay token of the only segment is: 0 at the start of the store, as the recorded
     * hypothesis the replay waits at is far beyond the first event.
     */
    private long storedPosition() {
        TrackingToken token = tokenStore.fetchToken(PROCESSOR, 0);
        assertThat(ReplayToken.isReplay(token)).isTrue();
        return token.position().orElseThrow();
    }

    /** A handler of the read models' processor that makes the replay wait at one event. */
    @ProcessingGroup(ReadModelProcessor.PROCESSING_GROUP)
    static class Stopper {

        static final CountDownLatch reached = new CountDownLatch(1);
        static final CountDownLatch release = new CountDownLatch(1);
        private static final AtomicInteger left = new AtomicInteger(-1);

        static void armAt(int replayed) {
            left.set(replayed);
        }

        @EventHandler
        void on(HypothesisRecorded event, ReplayStatus replay) throws InterruptedException {
            if (replay.isReplay() && left.decrementAndGet() == 0) {
                reached.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
        }
    }
}
