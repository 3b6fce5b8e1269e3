package dev.blackbox.command.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many incidents stay loaded in memory between commands.
 *
 * @param maxIncidents incidents kept, least recently used dropped first; a few kilobytes each for a
 *                     typical incident, more for the rare one with tens of thousands of events;
 *                     0 keeps none, as several command processes sharing a database need
 */
@ConfigurationProperties("blackbox.incident-cache")
public record IncidentCacheProperties(@DefaultValue("10000") int maxIncidents) {
}
