package dev.blackbox.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.NoteVisibility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** Notes stored before notes had a visibility, or labels, still read: as internal notes without labels. */
class NoteAddedUpcasterTest {

    private final Serializer events = new SerializerConfig().eventSerializer();
    private final EventUpcasterChain upcasters = new EventUpcasterChain(new NoteAddedUpcaster());

    @Test
    void aRevisionOneNoteReadsAsAnInternalNoteWithoutLabels() throws IOException {
        List<IntermediateEventRepresentation> upcast = upcast(fixture("note-added-revision-1.json"), "1");

        NoteAdded note = events.deserialize(upcast.get(0).getData());

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("3");
        assertThat(note).isEqualTo(new NoteAdded("dns-2024-02-10", Instant.parse("2024-02-10T09:40:00Z"),
                "support-bot", "n-support", "Customer support has posted a status page update",
                NoteVisibility.INTERNAL));
    }

    @Test
    void aRevisionTwoNoteKeepsItsVisibilityAndHasNoLabels() {
        byte[] stored = """
                {"incidentId":"i","occurredAt":"1970-01-01T00:00:00Z","recordedBy":"bot","noteId":"n",
                 "text":"Status page updated","visibility":"PUBLIC"}""".getBytes(StandardCharsets.UTF_8);

        List<IntermediateEventRepresentation> upcast = upcast(stored, "2");
        NoteAdded note = events.deserialize(upcast.get(0).getData());

        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("3");
        assertThat(note.visibility()).isEqualTo(NoteVisibility.PUBLIC);
        assertThat(note.labels()).isEmpty();
    }

    @Test
    void aRevisionThreeNoteIsLeftAsItIs() {
        NoteAdded alert = new NoteAdded("i", Instant.EPOCH, "alertmanager", "n", "Alert HighLatency firing",
                NoteVisibility.INTERNAL, Map.of("alertname", "HighLatency", "job", "checkout"));
        byte[] stored = events.serialize(alert, byte[].class).getData();

        List<IntermediateEventRepresentation> upcast = upcast(stored, "3");

        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("3");
        assertThat((NoteAdded) events.deserialize(upcast.get(0).getData())).isEqualTo(alert);
    }

    private List<IntermediateEventRepresentation> upcast(byte[] payload, String revision) {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Incident", "i", 0, "e-1",
                Instant.EPOCH, NoteAdded.class.getName(), revision, payload, "{}".getBytes());
        return upcasters.upcast(Stream.of(new InitialEventRepresentation(stored, events))).toList();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = NoteAddedUpcasterTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }
}
