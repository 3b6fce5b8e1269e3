package dev.blackbox.query.consistency;

import dev.blackbox.plumbing.positions.EventPositions;
import dev.blackbox.plumbing.positions.ProcessorPositions;
import dev.blackbox.query.replay.ReadModelCommits;
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
    private final EventPositions eventPositions;

    ConsistencyConfig(ProcessorPositions positions, ReadModelCommits commits, ConsistencyProperties properties,
            EventPositions eventPositions) {
        this.positions = positions;
        this.commits = commits;
        this.properties = properties;
        this.eventPositions = eventPositions;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // The web interface's pages too: after a form, the page it leads to waits for what was stored.
        registry.addInterceptor(new MinPositionInterceptor(positions, commits, properties.maxWait(), eventPositions))
                .addPathPatterns("/api/v1/incidents", "/api/v1/incidents/**", "/incidents", "/incidents/**",
                        "/drills/**");
    }
}
