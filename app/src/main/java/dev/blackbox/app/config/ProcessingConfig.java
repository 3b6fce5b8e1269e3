package dev.blackbox.app.config;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Event processors read the stream in segments claimed through the JDBC token store, so that
 * several instances on one database (PostgreSQL, or Axon Server events with PostgreSQL read models)
 * split the work and take over each other's segments. Which processors are pooled and how many
 * segments they have is set per processor in application.yml.
 */
@Configuration(proxyBeanMethods = false)
class ProcessingConfig {

    /** Axon's token store, but signing claims with a configurable node id instead of always pid@host. */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
            TokenStoreProperties tokenStoreProperties, ProcessingProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .nodeId(properties.nodeId())
                .build();
    }

    @Bean
    SegmentBalancer segmentBalancer(EventProcessingConfiguration processing, JdbcTemplate jdbc,
            TokenSchema tokenSchema, ProcessingProperties properties) {
        return new SegmentBalancer(processing, jdbc, tokenSchema, properties);
    }
}
