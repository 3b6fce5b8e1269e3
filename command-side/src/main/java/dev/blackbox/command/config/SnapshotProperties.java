package dev.blackbox.command.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When to snapshot an incident. Loading replays every event since the last snapshot, so a bot-heavy
 * incident with thousands of events would otherwise slow down every command sent to it. A snapshot
 * costs in proportion to the incident, so a large incident is snapshotted less often.
 *
 * @param threshold events after which a new snapshot is taken
 * @param percentOfIncident or this share of the incident's events, when that is more
 */
@ConfigurationProperties("blackbox.snapshots")
public record SnapshotProperties(@DefaultValue("250") int threshold, @DefaultValue("10") int percentOfIncident) {
}
