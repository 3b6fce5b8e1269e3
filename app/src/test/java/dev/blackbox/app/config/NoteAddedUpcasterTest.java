package dev.blackbox.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.NoteVisibility;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** A note stored before notes had a visibility still reads, as an internal note. */
class NoteAddedUpcasterTest {

    private final Serializer events = new SerializerConfig().eventSerializer();
    private final EventUpcasterChain upcasters = new EventUpcasterChain(new NoteAddedUpcaster());

    @Test
    void aRevisionOneNoteReadsAsAnInternalRevisionTwoNote() throws IOException {
        List<IntermediateEventRepresentation> upcast = upcast(fixture("note-added-revision-1.json"), "1");

        NoteAdded note = events.deserialize(upcast.get(0).getData());

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        assertThat(note).isEqualTo(new NoteAdded("dns-2024-02-10", Instant.parse("2024-02-10T09:40:00Z"),
                "support-bot", "n-support", "Customer support has posted a status page update",
                NoteVisibility.INTERNAL));
    }

    @Test
    void aRevisionTwoNoteIsLeftAsItIs() {
        byte[] stored = events.serialize(new NoteAdded("i", Instant.EPOCH, "bot", "n", "Status page updated",
                NoteVisibility.PUBLIC), byte[].class).getData();

        List<IntermediateEventRepresentation> upcast = upcast(stored, "2");

        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        assertThat(((NoteAdded) events.deserialize(upcast.get(0).getData())).visibility())
                .isEqualTo(NoteVisibility.PUBLIC);
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
