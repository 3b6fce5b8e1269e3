package dev.blackbox.query.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How live timelines ({@code GET /api/v1/incidents/{id}/live}) treat their followers.
 *
 * @param heartbeat     how often an idle stream gets a comment line, so proxies keep it open and a
 *                      follower that left without closing is noticed at the next write
 * @param bufferSize    how many entries may wait for one follower; a follower further behind is dropped
 * @param senderThreads threads writing to followers; a follower whose connection stalls holds one
 *                      until the servlet container's write timeout fails the write
 */
@ConfigurationProperties("blackbox.live")
public record LiveTimelineProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("1000") int bufferSize,
        @DefaultValue("16") int senderThreads) {
}
