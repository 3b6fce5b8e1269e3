package dev.blackbox.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.plumbing.web.Problems;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Reads an incident's history in the export format: one JSON object per line with {@code type},
 * {@code revision}, {@code sequence}, {@code occurredAt} and {@code payload}. The whole stream is
 * checked before anything is stored, and the first problem is reported with its line number.
 * Histories exported before an event evolved go through the same upcasters as stored events.
 */
public final class NdjsonHistory {

    private static final Map<String, Class<?>> TYPES = Arrays.stream(IncidentEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

    private NdjsonHistory() {
    }

    /** The history's events, recorded under {@code incidentId} when given, else under their own id. */
    public static List<IncidentEvent> read(BufferedReader lines, String incidentId, ObjectMapper objectMapper,
                                           EventUpcaster upcasters, Serializer eventSerializer) throws IOException {
        ObjectMapper strict = objectMapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<IncidentEvent> events = new ArrayList<>();
        String sourceIncidentId = null;
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = parse(strict, line, lineNumber);
            String type = entry.path("type").asText();
            Class<?> eventType = TYPES.get(type);
            if (eventType == null) {
                throw invalid(lineNumber, "unknown event type '" + type + "'");
            }
            String revision = entry.path("revision").asText();
            if (!entry.path("sequence").canConvertToLong() || entry.path("sequence").asLong() != events.size()) {
                throw invalid(lineNumber, "sequence " + entry.path("sequence") + " is out of order; expected "
                        + events.size());
            }
            if (!(entry.get("payload") instanceof ObjectNode stated)) {
                throw invalid(lineNumber, "payload is missing");
            }
            ObjectNode payload = currentRevision(stated, eventType, revision, upcasters, eventSerializer, lineNumber);
            String eventIncidentId = payload.path("incidentId").asText();
            if (sourceIncidentId == null) {
                sourceIncidentId = eventIncidentId;
            } else if (!sourceIncidentId.equals(eventIncidentId)) {
                throw invalid(lineNumber, "belongs to incident '" + eventIncidentId + "', not '"
                        + sourceIncidentId + "'");
            }
            if (incidentId != null) {
                payload.put("incidentId", incidentId);
            }
            events.add(event(strict, payload, eventType, lineNumber));
        }
        if (events.isEmpty()) {
            throw invalid(lineNumber, "the history is empty");
        }
        if (incidentId == null && !sourceIncidentId.matches(CommandRequests.ID_PATTERN)) {
            throw invalid(1, "incident id '" + sourceIncidentId + "' " + CommandRequests.ID_MESSAGE
                    + "; import it under another id with ?incidentId=");
        }
        return events;
    }

    /** The payload as the current revision of its event, upcast when it was exported before. */
    private static ObjectNode currentRevision(ObjectNode payload, Class<?> type, String revision,
                                              EventUpcaster upcasters, Serializer serializer, int lineNumber) {
        String current = type.getAnnotation(Revision.class).value();
        if (current.equals(revision)) {
            return payload;
        }
        EventData<byte[]> stated = new GenericDomainEventEntry<>("Incident", "import", lineNumber - 1L, "import",
                Instant.EPOCH, type.getName(), revision, payload.toString().getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        return upcasters.upcast(Stream.of(new InitialEventRepresentation(stated, serializer)))
                .filter(upcast -> current.equals(upcast.getType().getRevision()))
                .map(upcast -> upcast.getData(JsonNode.class).getData())
                .filter(ObjectNode.class::isInstance)
                .map(ObjectNode.class::cast)
                .findFirst()
                .orElseThrow(() -> invalid(lineNumber, type.getSimpleName() + " revision '" + revision
                        + "' is not supported; this installation reads revision " + current));
    }

    private static JsonNode parse(ObjectMapper mapper, String line, int lineNumber) {
        try {
            return mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw invalid(lineNumber, "not a JSON object");
        }
    }

    private static IncidentEvent event(ObjectMapper mapper, ObjectNode payload, Class<?> type, int lineNumber) {
        try {
            IncidentEvent event = (IncidentEvent) mapper.treeToValue(payload, type);
            if (event.incidentId() == null || event.occurredAt() == null) {
                throw invalid(lineNumber, "payload needs incidentId and occurredAt");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw invalid(lineNumber, "payload is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage().replaceAll("\\(class [^)]*\\)", "").replaceAll("`[a-z.]+\\.", "`"));
        }
    }

    private static ErrorResponseException invalid(int lineNumber, String problem) {
        ProblemDetail detail = Problems.document(HttpStatus.BAD_REQUEST, "Invalid incident history",
                "line " + lineNumber + ": " + problem + "; nothing was imported");
        detail.setProperty("line", lineNumber);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, detail, null);
    }
}
