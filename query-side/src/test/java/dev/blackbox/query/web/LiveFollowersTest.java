package dev.blackbox.query.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveFollowersTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void stoppingTheApplicationEndsEveryOpenStream() {
        LiveFollowers followers = new LiveFollowers();
        followers.bindTo(meters);
        followers.start();
        SseEmitter first = new SseEmitter();
        SseEmitter second = new SseEmitter();
        followers.add(first);
        followers.add(second);
        assertThat(followerGauge()).isEqualTo(2);

        followers.stop();

        assertThat(followers.isRunning()).isFalse();
        assertThat(followerGauge()).isZero();
        assertThatThrownBy(() -> first.send("late")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> second.send("late")).isInstanceOf(IllegalStateException.class);
    }

    private double followerGauge() {
        return meters.get("blackbox.live.followers").gauge().value();
    }
}
