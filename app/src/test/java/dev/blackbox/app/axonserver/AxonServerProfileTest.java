package dev.blackbox.app.axonserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.query.OwnDataDirectory;
import java.util.concurrent.TimeUnit;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The axonserver profile routes events, commands and queries through Axon Server and keeps only
 * tokens and read models in the database. No Axon Server runs here: the connector keeps trying to
 * connect in the background, which does not stop a command process from starting. (A query process
 * cannot start without one on a fresh database: its pooled processors ask Axon Server for the
 * stream's first position before they start.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("axonserver")
// Closed after the class, so its connector stops retrying instead of running until the JVM exits.
@DirtiesContext
class AxonServerProfileTest extends OwnDataDirectory {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("blackbox.mode", () -> "command");
        // The bundled training library is imported at start, which needs the absent server.
        registry.add("blackbox.training.library", () -> "");
        registry.add("axon.axonserver.servers", () -> "localhost:18124");
        registry.add("axon.axonserver.token", () -> "token-for-tests");
    }

    @Autowired
    ApplicationContext context;

    @Test
    void eventsCommandsAndQueriesGoThroughAxonServer() {
        assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
        assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
        assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
        assertThat(context.getBeansOfType(AxonServerConnectionManager.class)).hasSize(1);
    }

    @Test
    void theEmbeddedEventStoreIsNotWired() {
        assertThat(context.getBeansOfType(EventStorageEngine.class)).isEmpty();
        // Processors stream from Axon Server's event store, not from a source reading a local database.
        assertThat(context.getBeansOfType(StreamableMessageSource.class).values())
                .allMatch(source -> source instanceof AxonServerEventStore);
    }

    @Test
    void trackingTokensStayInTheProfilesDatabase() {
        assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
    }

    @Test
    void connectionSettingsArePassedThrough() {
        AxonServerConfiguration configuration = context.getBean(AxonServerConfiguration.class);

        assertThat(configuration.getServers()).isEqualTo("localhost:18124");
        assertThat(configuration.getToken()).isEqualTo("token-for-tests");
        assertThat(configuration.getComponentName()).isEqualTo("blackbox-command");
    }

    @Test
    void aBusyIncidentsSnapshotMayBeLargerThanGrpcsDefaultMessage() {
        AxonServerConfiguration configuration = context.getBean(AxonServerConfiguration.class);

        assertThat(configuration.getMaxMessageSize()).isEqualTo(64 * 1024 * 1024);
    }

    @Test
    void aQueryThisProcessHandlesIsAnsweredHereWithoutAxonServer() throws Exception {
        // No Axon Server listens on the configured port: a query sent there would not be answered.
        Registration handler = context.getBean(QueryBus.class)
                .subscribe("blackbox.test.echo", String.class, query -> "answered here: " + query.getPayload());
        try {
            String answer = context.getBean(QueryGateway.class)
                    .query("blackbox.test.echo", "ping", String.class)
                    .get(10, TimeUnit.SECONDS);

            assertThat(answer).isEqualTo("answered here: ping");
        } finally {
            handler.cancel();
        }
    }
}
