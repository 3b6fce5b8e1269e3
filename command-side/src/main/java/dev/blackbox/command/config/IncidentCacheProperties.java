package dev.blackbox.command.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many incidents stay loaded in memory between commands.
 *
 * @param maxIncidents incidents kept, least recently used dropped first; a few kilobytes each for a
 *                     typical incident, more for the rare one with tens of thousands of events;
 *                     0 keeps none
 * @param sharedStore  whether other command processes append to the same store, so that a kept
 *                     incident is checked against the store's last event of it before each command
 */
@ConfigurationProperties("blackbox.incident-cache")
public record IncidentCacheProperties(@DefaultValue("10000") int maxIncidents,
        @DefaultValue("false") boolean sharedStore) {
}
