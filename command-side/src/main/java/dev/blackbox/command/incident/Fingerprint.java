package dev.blackbox.command.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A short digest of a command as the client sent it. Commands are records whose text form lists
 * every field (with {@code occurredAt} still null when the client left it out), so two requests
 * have the same fingerprint exactly when they say the same thing.
 */
final class Fingerprint {

    private Fingerprint() {
    }

    static String of(IncidentCommand command) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(command.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
