package dev.blackbox.query.metrics;

import dev.blackbox.events.Severity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * MTTA, MTTR and open incidents for Prometheus. The gauges read the metrics read model when
 * scraped instead of counting events as they pass, so they survive restarts and replays
 * unchanged. Drills are left out.
 */
@Component
public class IncidentMeters implements MeterBinder {

    private final MetricsRepository repository;

    public IncidentMeters(MetricsRepository repository) {
        this.repository = repository;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("blackbox.incidents.mtta", () -> repository.mean("time_to_acknowledge"))
                .description("Mean time from detection to first acknowledgement, over all incidents")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("blackbox.incidents.mttr", () -> repository.mean("time_to_resolve"))
                .description("Mean time from impact start to final resolution, over resolved incidents")
                .baseUnit("seconds")
                .register(registry);
        for (Severity severity : Severity.values()) {
            Gauge.builder("blackbox.incidents.open", () -> repository.countOpen(severity))
                    .description("Incidents not resolved, by current severity")
                    .tag("severity", severity.name())
                    .register(registry);
        }
    }
}
