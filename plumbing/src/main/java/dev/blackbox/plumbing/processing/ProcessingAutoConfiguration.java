package dev.blackbox.plumbing.processing;

import dev.blackbox.plumbing.eventstore.JdbcStoreAutoConfiguration;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Event processors read the stream in segments claimed through the JDBC token store, so that
 * several instances on one database (PostgreSQL, or Axon Server events with PostgreSQL read models)
 * split the work and take over each other's segments. Which processors are pooled and how many
 * segments they have is set per processor in application.yml. Ordered before Axon's JDBC
 * configuration, which then keeps this token store.
 */
@AutoConfiguration(after = JdbcStoreAutoConfiguration.class, before = JdbcAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(ProcessingProperties.class)
public class ProcessingAutoConfiguration {

    /** Axon's token store, but signing claims with a configurable node id instead of always pid@host. */
    @Bean
    @ConditionalOnMissingBean(TokenStore.class)
    JdbcTokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
            TokenStoreProperties tokenStoreProperties, ProcessingProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .nodeId(properties.nodeId())
                .build();
    }

    /** Only where the segments are claimed in the database, which is where the instances meet. */
    @Bean
    @ConditionalOnBean(JdbcTokenStore.class)
    SegmentBalancer segmentBalancer(EventProcessingConfiguration processing, JdbcTemplate jdbc,
            TokenSchema tokenSchema, ProcessingProperties properties) {
        return new SegmentBalancer(processing, jdbc, tokenSchema, properties);
    }
}
