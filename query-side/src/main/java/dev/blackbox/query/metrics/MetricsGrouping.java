package dev.blackbox.query.metrics;

import java.util.Arrays;
import java.util.Optional;

/** What aggregate metrics can be broken down by; {@code parameter} is the HTTP spelling. */
public enum MetricsGrouping {
    SEVERITY("severity"),
    SERVICE("service"),
    ROOT_CAUSE_CATEGORY("rootCauseCategory"),
    /** An incident counts once under each category of its contributing factors still standing. */
    FACTOR_CATEGORY("factorCategory");

    private final String parameter;

    MetricsGrouping(String parameter) {
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    public static Optional<MetricsGrouping> fromParameter(String value) {
        return Arrays.stream(values()).filter(g -> g.parameter.equalsIgnoreCase(value)).findFirst();
    }
}
