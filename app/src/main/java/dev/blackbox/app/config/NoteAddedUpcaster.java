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
 * NoteAdded revisions 1 and 2 to 3. Revision 2 made notes internal or public, and every note written
 * before was internal; revision 3 gave an alert's note the alert's labels, and every note written
 * before has none. One upcaster takes both steps, since Axon applies each upcaster of the chain to an
 * event once. Registered with Axon as a bean, so stored events, Axon Server streams and imported
 * histories are all read through it, on command and query processes alike.
 */
@Component
class NoteAddedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(NoteAdded.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(NoteAdded.class.getName(), "2");
    private static final SimpleSerializedType REVISION_3 = new SimpleSerializedType(NoteAdded.class.getName(), "3");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType()) || REVISION_2.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        boolean revision1 = REVISION_1.equals(representation.getType());
        return representation.upcastPayload(REVISION_3, JsonNode.class, payload -> {
            ObjectNode note = (ObjectNode) payload;
            if (revision1) {
                note.put("visibility", NoteVisibility.INTERNAL.name());
            }
            note.putObject("labels");
            return payload;
        });
    }
}
