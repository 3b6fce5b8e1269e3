package dev.blackbox.command.integrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.blackbox.command.incident.RuleViolation;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * When each integration's receivers last delivered, and the last error Blackbox answered them. Kept
 * in this process's memory only: it starts empty, and each command process knows its own deliveries.
 * Refusals before a delivery reaches its integration (a bad token, a body over the size limit) are
 * not seen here.
 */
@Component
public class IntegrationDeliveries {

    /** Receivers kept per integration, so senders that make up names cannot fill the memory. */
    static final int MAX_RECEIVERS = 1000;

    /** A delivery Blackbox refused, as it answered it. */
    public record Failure(Instant at, int status, String detail) {
    }

    /** One receiver of an integration: a route of the alert router that points at Blackbox, or a PagerDuty account. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Receiver(String receiver, long deliveries, Instant lastDeliveryAt, long errors, Failure lastError) {
    }

    /** One integration and its receivers; {@code lastError} also holds refusals that named no receiver. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Integration(String source, String path, Instant lastDeliveryAt, Failure lastError,
            List<Receiver> receivers) {
    }

    private record Source(String path, Map<String, Receiver> receivers) {
    }

    private final Map<String, Source> sources = new ConcurrentSkipListMap<>();
    private final Map<String, Failure> unnamedFailures = new ConcurrentHashMap<>();

    /** Lists {@code source} from the start, before its first delivery. */
    public void register(String source, String path) {
        sources.putIfAbsent(source, new Source(path, new ConcurrentSkipListMap<>()));
    }

    public void delivered(String source, String receiver) {
        Instant now = Instant.now();
        update(source, receiver, previous -> previous == null
                ? new Receiver(receiver, 1, now, 0, null)
                : new Receiver(receiver, previous.deliveries() + 1, now, previous.errors(), previous.lastError()));
    }

    /**
     * A delivery that ended in {@code failure}, noted with the status and detail its answer carries;
     * {@code receiver} is null when the body named none that could be trusted.
     */
    public void failed(String source, String receiver, RuntimeException failure) {
        if (failure instanceof ErrorResponseException refusal) {
            failed(source, receiver, refusal.getStatusCode().value(), refusal.getBody().getDetail());
        } else if (failure instanceof RuleViolation violation) {
            failed(source, receiver, violation.rule().kind().status().value(), violation.getMessage());
        } else {
            failed(source, receiver, 500, "the server failed to handle the delivery; it has been logged");
        }
    }

    private void failed(String source, String receiver, int status, String detail) {
        Failure failure = new Failure(Instant.now(), status, detail);
        if (receiver == null) {
            unnamedFailures.put(source, failure);
            return;
        }
        update(source, receiver, previous -> previous == null
                ? new Receiver(receiver, 0, null, 1, failure)
                : new Receiver(receiver, previous.deliveries(), previous.lastDeliveryAt(), previous.errors() + 1,
                        failure));
    }

    public List<Integration> integrations() {
        return sources.entrySet().stream().map(entry -> {
            List<Receiver> receivers = List.copyOf(entry.getValue().receivers().values());
            Instant lastDelivery = receivers.stream().map(Receiver::lastDeliveryAt).filter(at -> at != null)
                    .max(Comparator.naturalOrder()).orElse(null);
            Failure lastError = Stream.concat(
                            receivers.stream().map(Receiver::lastError),
                            Stream.of(unnamedFailures.get(entry.getKey())))
                    .filter(failure -> failure != null).max(Comparator.comparing(Failure::at)).orElse(null);
            return new Integration(entry.getKey(), entry.getValue().path(), lastDelivery, lastError, receivers);
        }).toList();
    }

    private void update(String source, String receiver,
            UnaryOperator<Receiver> change) {
        Map<String, Receiver> receivers = sources.get(source).receivers();
        if (receivers.size() >= MAX_RECEIVERS && !receivers.containsKey(receiver)) {
            return;
        }
        receivers.compute(receiver, (name, previous) -> change.apply(previous));
    }
}
