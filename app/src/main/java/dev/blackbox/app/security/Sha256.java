package dev.blackbox.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The one hash used for token secrets, so configuration and requests hash the same bytes. */
final class Sha256 {

    private Sha256() {
    }

    static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The Java platform must provide SHA-256", e);
        }
    }
}
