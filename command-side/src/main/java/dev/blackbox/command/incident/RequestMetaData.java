package dev.blackbox.command.incident;

/**
 * Technical metadata that travels with commands and the events they cause. It identifies
 * requests for retry detection and never carries business facts.
 */
public final class RequestMetaData {

    /** The client's {@code Idempotency-Key} header, on a command and on the events it caused. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    /** The {@link Fingerprint} of the request that caused an event. */
    public static final String REQUEST_FINGERPRINT = "requestFingerprint";

    private RequestMetaData() {
    }
}
