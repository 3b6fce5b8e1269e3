package dev.blackbox.app.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.blackbox.events.IncidentEvent;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon's JDBC storage (events, snapshots, tokens, sagas) on the application's DataSource, with the
 * table names of the Flyway migrations, and Jackson for everything Axon writes.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfig {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Connections for Axon's event store, token store and saga store: the one bound to the current
     * Spring transaction, which every unit of work here runs in. Axon's default also attaches the
     * connection to the unit of work and rolls back the connection itself when the unit of work
     * rolls back. When commands share a transaction (group commit), that would take back the
     * whole group, acknowledged commands included, where only the refused command's savepoint
     * should go.
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /** Makes a lost race for an incident's next sequence number a retried conflict on every database. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new GenericSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .associationValueEntryTable("association_value_entry")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
    }

    /**
     * Stored events must stay readable by every later version, so this mapper, unlike the strict
     * one at the HTTP edge, ignores fields it does not know.
     */
    @Bean
    @Primary
    Serializer serializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return jackson();
    }

    /**
     * Commands and queries crossing Axon Server. A command can carry events as a list of the
     * {@link IncidentEvent} interface (an import), so each element names its event type; stored
     * events keep their type in the event store's own column and are written without it.
     */
    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        ObjectMapper mapper = mapper().addMixIn(IncidentEvent.class, NamedIncidentEvent.class);
        for (Class<?> event : IncidentEvent.class.getPermittedSubclasses()) {
            mapper.registerSubtypes(new NamedType(event, event.getSimpleName()));
        }
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
    private interface NamedIncidentEvent {
    }

    private static Serializer jackson() {
        return JacksonSerializer.builder().objectMapper(mapper()).build();
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
