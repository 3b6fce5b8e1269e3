package dev.blackbox.command.integrations.grafana;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Grafana's webhook HMAC: the hex HMAC-SHA256, under the contact point's secret, of the body, or of
 * {@code <timestamp>:<body>} when Grafana also sends a timestamp header.
 */
final class GrafanaSignature {

    private GrafanaSignature() {
    }

    /** Whether {@code signature} (hex, any case) signs {@code body}, with {@code timestamp} when it is not null. */
    static boolean verifies(String secret, String signature, String timestamp, byte[] body) {
        if (signature == null) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(sign(secret, timestamp, body)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    static byte[] sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            if (timestamp != null) {
                mac.update((timestamp + ":").getBytes(StandardCharsets.UTF_8));
            }
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
        }
    }
}
