package dev.blackbox.command.web;

import dev.blackbox.plumbing.web.Problems;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * Ids for things the client did not name. With an {@code Idempotency-Key} the id is derived from
 * the key, so a retry without an id still lands on the same incident, hypothesis or action.
 */
public final class ClientIds {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private ClientIds() {
    }

    static String idFor(String given, String prefix, String scope, String idempotencyKey) {
        if (given != null) {
            return given;
        }
        if (idempotencyKey == null) {
            return prefix + UUID.randomUUID();
        }
        String seed = scope + '\n' + prefix + '\n' + idempotencyKey;
        return prefix + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }

    public static String checkedKey(String idempotencyKey) {
        if (idempotencyKey == null || KEY.matcher(idempotencyKey).matches()) {
            return idempotencyKey;
        }
        throw Problems.refusal(HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key",
                "the Idempotency-Key header must be 1-255 visible ASCII characters");
    }
}
