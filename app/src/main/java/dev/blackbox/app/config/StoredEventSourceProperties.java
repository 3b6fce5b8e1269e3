package dev.blackbox.app.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How streaming processors learn of new events in the JDBC event store (see {@link StoredEventSource}).
 *
 * @param pollInterval how often they look for events that other processes appended; this process's
 *                     own appends wake them sooner
 * @param wakeGap      the least time between two wakes by this process's appends; appends in between
 *                     are read together when it ends
 */
@ConfigurationProperties("blackbox.event-source")
record StoredEventSourceProperties(@DefaultValue("500ms") Duration pollInterval,
                                   @DefaultValue("20ms") Duration wakeGap,
                                   @DefaultValue("1000") int readModelWindow) {
}
