package dev.blackbox.query.search;

import java.time.Instant;
import java.util.Set;

/**
 * Which incidents a search looks in: empty sets and null values do not filter. {@code from} and
 * {@code to} bound the detection time, {@code to} exclusive; {@code drill} null means drills and
 * real incidents alike.
 */
public record SearchFilter(Set<String> statuses, Set<String> severities, String service, Instant from, Instant to,
                           Boolean drill) {

    public SearchFilter {
        statuses = Set.copyOf(statuses);
        severities = Set.copyOf(severities);
    }

    boolean filters() {
        return !statuses.isEmpty() || !severities.isEmpty() || service != null || from != null || to != null
                || drill != null;
    }
}
