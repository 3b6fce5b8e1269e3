package dev.blackbox.command.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When to snapshot an incident. Loading replays every event since the last snapshot, so a bot-heavy
 * incident with thousands of events would otherwise slow down every command sent to it.
 *
 * @param threshold events after which a new snapshot is taken
 */
@ConfigurationProperties("blackbox.snapshots")
public record SnapshotProperties(@DefaultValue("250") int threshold) {
}
