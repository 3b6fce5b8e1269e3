package dev.blackbox.query.consistency;

import dev.blackbox.plumbing.positions.ProcessorPositions;
import dev.blackbox.query.replay.ReadModelCommits;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every read under {@code /api/v1/incidents} takes {@code minPosition}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsistencyProperties.class)
class ConsistencyConfig implements WebMvcConfigurer {

    private final ProcessorPositions positions;
    private final ReadModelCommits commits;
    private final ConsistencyProperties properties;
    private final EventStore store;

    ConsistencyConfig(ProcessorPositions positions, ReadModelCommits commits, ConsistencyProperties properties,
            EventStore store) {
        this.positions = positions;
        this.commits = commits;
        this.properties = properties;
        this.store = store;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // The web interface's pages too: after a form, the page it leads to waits for what was stored.
        registry.addInterceptor(new MinPositionInterceptor(positions, commits, properties.maxWait(), store))
                .addPathPatterns("/api/v1/incidents", "/api/v1/incidents/**", "/incidents", "/incidents/**",
                        "/drills/**");
    }
}
