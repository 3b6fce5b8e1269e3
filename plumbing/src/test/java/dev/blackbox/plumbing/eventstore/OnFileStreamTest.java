package dev.blackbox.plumbing.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A reader of the embedded store is handed an event only once a {@code kill -9} can no longer take
 * it back. What a crash leaves is a copy of the database's file taken while it is open, as in
 * {@link H2CheckpointAfterAppendTest}.
 */
class OnFileStreamTest {

    @TempDir
    Path dir;

    private JdbcEventStorageEngine engine;
    private org.axonframework.eventsourcing.eventstore.EmbeddedEventStore store;
    private EventsOnFile onFile;
    private int crashes;

    @BeforeEach
    void lazilyWrittenStore() {
        // A write delay no test outlasts: only an explicit write reaches the file.
        String url = "jdbc:h2:file:" + dir.resolve("live") + ";WRITE_DELAY=3600000;DB_CLOSE_DELAY=-1";
        engine = EmbeddedEventStore.engine(url).build();
        store = org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.builder().storageEngine(engine).build();
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        new JdbcTemplate(dataSource).execute("CHECKPOINT");
        onFile = new H2CheckpointAfterAppend(SimpleEventBus.builder().build(), dataSource);
    }

    @AfterEach
    void closeStore() {
        store.shutDown();
    }

    @Test
    void anEventIsHandedOutOnlyOnceItIsOnFile() throws Exception {
        engine.appendEvents(asEventMessage("disk full on the primary"), asEventMessage("failed over to the replica"));
        assertThat(eventsAfterACrash()).as("committed and readable, but not yet written").isEmpty();

        try (BlockingStream<TrackedEventMessage<?>> stream = new OnFileStream(store.openStream(null), onFile)) {
            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
            List<String> read = List.of(stream.nextAvailable().getIdentifier(), stream.nextAvailable().getIdentifier());

            assertThat(eventsAfterACrash()).containsExactlyInAnyOrderElementsOf(read);
        }
    }

    @Test
    void eventsStoredLaterAreWrittenBeforeTheyAreHandedOutToo() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = new OnFileStream(store.openStream(null), onFile)) {
            EventMessage<?> first = asEventMessage("disk full on the primary");
            engine.appendEvents(first);
            assertThat(stream.nextAvailable().getIdentifier()).isEqualTo(first.getIdentifier());
            EventMessage<?> second = asEventMessage("failed over to the replica");
            engine.appendEvents(second);
            assertThat(eventsAfterACrash()).containsExactly(first.getIdentifier());

            assertThat(stream.nextAvailable().getIdentifier()).isEqualTo(second.getIdentifier());
            assertThat(eventsAfterACrash()).containsExactlyInAnyOrder(first.getIdentifier(), second.getIdentifier());
        }
    }

    private List<String> eventsAfterACrash() throws SQLException, IOException {
        // A copy of its own each time: H2 may still hold an earlier copy it opened.
        String copy = "crashed" + ++crashes;
        Files.copy(dir.resolve("live.mv.db"), dir.resolve(copy + ".mv.db"), StandardCopyOption.REPLACE_EXISTING);
        JdbcDataSource crashed = new JdbcDataSource();
        crashed.setURL("jdbc:h2:file:" + dir.resolve(copy));
        crashed.setUser("sa");
        return new JdbcTemplate(crashed).queryForList("SELECT event_identifier FROM domain_event_entry", String.class);
    }
}
