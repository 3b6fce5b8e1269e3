package dev.blackbox.query.consistency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reading your own writes: how long a read that asks for {@code minPosition} may wait for the read
 * models to reach it before it is answered 503.
 */
@ConfigurationProperties("blackbox.consistency")
public record ConsistencyProperties(@DefaultValue("5s") Duration maxWait) {

    public ConsistencyProperties {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("blackbox.consistency.max-wait must not be negative, not " + maxWait);
        }
    }
}
