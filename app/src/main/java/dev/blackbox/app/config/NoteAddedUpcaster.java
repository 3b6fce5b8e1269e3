package dev.blackbox.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.NoteVisibility;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * NoteAdded revision 1 to 2: notes became internal or public, and every note written before was
 * internal. Registered with Axon as a bean, so stored events, Axon Server streams and imported
 * histories are all read through it, on command and query processes alike.
 */
@Component
class NoteAddedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(NoteAdded.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(NoteAdded.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ((ObjectNode) payload).put("visibility", NoteVisibility.INTERNAL.name());
            return payload;
        });
    }
}
