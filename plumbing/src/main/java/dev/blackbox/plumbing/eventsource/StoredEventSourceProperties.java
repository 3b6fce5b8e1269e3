package dev.blackbox.plumbing.eventsource;

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
 * @param backgroundWakeGap the same for readers that no request waits on: the sagas and the search
 *                     index (see {@link BackgroundEventSource})
 * @param readModelWindow how many events the read models' processor may hold that its work packages
 *                     have not taken (see {@link QueueBoundedStream})
 */
@ConfigurationProperties("blackbox.event-source")
public record StoredEventSourceProperties(@DefaultValue("500ms") Duration pollInterval,
                                   @DefaultValue("20ms") Duration wakeGap,
                                   @DefaultValue("250ms") Duration backgroundWakeGap,
                                   @DefaultValue("1000") int readModelWindow) {

    /** The events Axon's coordinator puts in a work package's queue before it pauses for 100 ms. */
    private static final int WORK_PACKAGE_QUEUE = 1024;

    public StoredEventSourceProperties {
        // Refused at start-up rather than noticed later: a window of 0 holds back every event once the
        // segments' positions are known, so the read models stop where they are, and one of 1,024 or
        // more lets a queue fill, which brings back the coordinator's pauses that paced rebuilds.
        if (readModelWindow < 1 || readModelWindow >= WORK_PACKAGE_QUEUE) {
            throw new IllegalArgumentException("blackbox.event-source.read-model-window must be from 1 to "
                    + (WORK_PACKAGE_QUEUE - 1) + ", not " + readModelWindow
                    + ": with none the read models would stop, and from " + WORK_PACKAGE_QUEUE
                    + " Axon's coordinator fills a work package's queue and then pauses for 100 ms");
        }
    }
}
