package dev.blackbox.command.integrations;

/**
 * An alert router that speaks Alertmanager's webhook format.
 *
 * @param name        its name in paths, incident ids and {@code detectedBy}, e.g. {@code alertmanager}
 * @param displayName how texts name it, e.g. {@code Alertmanager}
 * @param path        where it delivers
 * @param version     the payload {@code version} it sends
 */
public record AlertSource(String name, String displayName, String path, String version) {
}
