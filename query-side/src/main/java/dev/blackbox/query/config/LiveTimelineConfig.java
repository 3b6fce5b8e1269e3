package dev.blackbox.query.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The threads that write live timelines to their followers, apart from every other kind of work. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveTimelineProperties.class)
public class LiveTimelineConfig {

    /** Writes block on slow connections; on their own threads they cannot hold up projections or requests. */
    @Bean(destroyMethod = "dispose")
    public Scheduler liveTimelineSenders(LiveTimelineProperties properties) {
        return Schedulers.newBoundedElastic(properties.senderThreads(), Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE,
                "live-timeline");
    }
}
