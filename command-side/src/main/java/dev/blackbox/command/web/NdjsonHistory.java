package dev.blackbox.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blackbox.events.IncidentEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.serialization.Revision;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Reads an incident's history in the export format: one JSON object per line with {@code type},
 * {@code revision}, {@code sequence}, {@code occurredAt} and {@code payload}. The whole stream is
 * checked before anything is stored, and the first problem is reported with its line number.
 */
public final class NdjsonHistory {

    private static final Map<String, Class<?>> TYPES = Arrays.stream(IncidentEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

    private NdjsonHistory() {
    }

    /** The history's events, recorded under {@code incidentId} when given, else under their own id. */
    public static List<IncidentEvent> read(BufferedReader lines, String incidentId, ObjectMapper objectMapper)
            throws IOException {
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
            String revision = eventType.getAnnotation(Revision.class).value();
            if (!revision.equals(entry.path("revision").asText())) {
                throw invalid(lineNumber, type + " revision '" + entry.path("revision").asText()
                        + "' is not supported; this installation reads revision " + revision);
            }
            if (!entry.path("sequence").canConvertToLong() || entry.path("sequence").asLong() != events.size()) {
                throw invalid(lineNumber, "sequence " + entry.path("sequence") + " is out of order; expected "
                        + events.size());
            }
            if (!(entry.get("payload") instanceof ObjectNode payload)) {
                throw invalid(lineNumber, "payload is missing");
            }
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
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "line " + lineNumber + ": " + problem + "; nothing was imported");
        detail.setTitle("Invalid incident history");
        detail.setProperty("line", lineNumber);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, detail, null);
    }
}
