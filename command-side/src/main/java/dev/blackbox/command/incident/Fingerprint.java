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

    /**
     * How many characters of a fingerprint an incident keeps to recognise a retry: 144 bits, in whole
     * Base64 characters, so that the kept part of a full fingerprint is the kept part of its digest.
     * An incident keeps one per note and per idempotency key, and the kept ones fill most of a busy
     * incident's snapshot; 144 bits still leave no chance that two requests of one scope collide.
     */
    static final int KEPT_LENGTH = 24;

    private Fingerprint() {
    }

    /** The part of {@code fingerprint} (as {@link #of} made it, now or in an event) an incident keeps. */
    static String kept(String fingerprint) {
        return fingerprint.length() <= KEPT_LENGTH ? fingerprint : fingerprint.substring(0, KEPT_LENGTH);
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
