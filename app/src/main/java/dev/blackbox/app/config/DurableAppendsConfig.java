package dev.blackbox.app.config;

import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link DurableAppends} where the events are stored in the application's database; with the
 * axonserver profile Axon Server stores them.
 */
@AutoConfiguration(after = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class})
@ConditionalOnBean(EventStorageEngine.class)
class DurableAppendsConfig {

    @Bean
    DurableAppends durableAppends(EventStore eventStore, DataSource dataSource) {
        return new DurableAppends(eventStore, dataSource);
    }
}
