package dev.blackbox.command.integrations.pagerduty;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PagerDuty's webhook signature: {@code X-PagerDuty-Signature} holds {@code v1=<hex HMAC-SHA256 of the
 * body>} once per signing secret of the subscription, comma-separated, so that a secret can be rotated.
 */
final class PagerDutySignature {

    static final String HEADER = "X-PagerDuty-Signature";

    private static final String VERSION = "v1=";
    private static final HexFormat HEX = HexFormat.of();

    private PagerDutySignature() {
    }

    /** Whether any signature of {@code header} is {@code body} signed with any of {@code secrets}. */
    static boolean verifies(byte[] body, String header, List<String> secrets) {
        if (header == null) {
            return false;
        }
        List<byte[]> expected = secrets.stream().map(secret -> hmac(secret, body)).toList();
        for (String value : header.split(",")) {
            byte[] given = signature(value.trim());
            // Compared in time independent of where they differ, so the signature cannot be guessed byte by byte.
            if (given != null && expected.stream().anyMatch(signed -> MessageDigest.isEqual(signed, given))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] signature(String value) {
        if (!value.startsWith(VERSION)) {
            return null;
        }
        try {
            return HEX.parseHex(value.substring(VERSION.length()));
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
        }
    }
}
