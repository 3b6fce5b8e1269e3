package dev.blackbox.query.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live timeline streams open right now. They never finish by themselves, so they are ended
 * when the application stops, before the web server's graceful shutdown, which would otherwise
 * wait for them until its timeout. Clients reconnect to whichever instance is up. Their number is
 * the gauge {@code blackbox.live.followers}.
 */
@Component
class LiveFollowers implements SmartLifecycle, MeterBinder {

    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    void add(SseEmitter stream) {
        open.add(stream);
        stream.onCompletion(() -> open.remove(stream));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("blackbox.live.followers", open, Set::size)
                .description("Clients following an incident's timeline live")
                .register(registry);
    }

    @Override
    public void start() {
        running = true;
    }

    /** Runs in the default phase, which stops before the web server's graceful shutdown begins. */
    @Override
    public void stop() {
        running = false;
        open.forEach(SseEmitter::complete);
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
