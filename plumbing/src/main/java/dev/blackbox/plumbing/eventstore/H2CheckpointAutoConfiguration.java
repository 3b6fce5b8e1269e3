package dev.blackbox.plumbing.eventstore;

import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link H2CheckpointAfterAppend} where the events are stored in the application's database; with the
 * axonserver profile Axon Server stores them.
 */
@AutoConfiguration(after = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class})
@ConditionalOnBean(JdbcEventStorageEngine.class)
public class H2CheckpointAutoConfiguration {

    @Bean
    H2CheckpointAfterAppend durableAppends(EventStore eventStore, DataSource dataSource) {
        return new H2CheckpointAfterAppend(eventStore, dataSource);
    }
}
