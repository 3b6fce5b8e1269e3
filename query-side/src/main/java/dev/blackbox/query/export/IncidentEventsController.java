package dev.blackbox.query.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.query.web.IncidentNotFoundException;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Revision;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * An incident's raw history as NDJSON, one event per line, in the format
 * {@code POST /api/v1/incidents/import} reads. It is read from the event store itself, not from a
 * read model, so it is complete even while projections are rebuilt.
 */
@RestController
class IncidentEventsController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final EventStore eventStore;
    private final ObjectMapper objectMapper;

    IncidentEventsController(EventStore eventStore, ObjectMapper objectMapper) {
        this.eventStore = eventStore;
        this.objectMapper = objectMapper;
    }

    @GetMapping(path = "/api/v1/incidents/{incidentId}/events", produces = "application/x-ndjson")
    ResponseEntity<StreamingResponseBody> events(@PathVariable String incidentId) {
        // From sequence 0: a snapshot would hide the events before it.
        DomainEventStream stream = eventStore.readEvents(incidentId, 0);
        // Drills are stored in the same table: an id may name a drill's history instead of an incident's.
        if (!stream.hasNext() || !(stream.peek().getPayload() instanceof IncidentEvent)) {
            throw new IncidentNotFoundException(incidentId);
        }
        StreamingResponseBody body = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            for (Iterator<? extends DomainEventMessage<?>> events = stream.asStream().iterator(); events.hasNext(); ) {
                writer.write(objectMapper.writeValueAsString(line(events.next())));
                writer.write('\n');
            }
            writer.flush();
        };
        return ResponseEntity.ok().contentType(NDJSON).body(body);
    }

    private ObjectNode line(DomainEventMessage<?> message) {
        IncidentEvent event = (IncidentEvent) message.getPayload();
        ObjectNode line = objectMapper.createObjectNode();
        line.put("type", event.getClass().getSimpleName());
        line.put("revision", event.getClass().getAnnotation(Revision.class).value());
        line.put("sequence", message.getSequenceNumber());
        line.put("occurredAt", event.occurredAt().toString());
        line.set("payload", objectMapper.valueToTree(event));
        return line;
    }
}
