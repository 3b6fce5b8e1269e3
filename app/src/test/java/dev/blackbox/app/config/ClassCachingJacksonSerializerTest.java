package dev.blackbox.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.events.NoteAdded;
import java.time.Instant;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;

/** Stored events read back through the serializer that remembers their classes. */
class ClassCachingJacksonSerializerTest {

    private final Serializer events = new SerializerConfig().eventSerializer();

    @Test
    void anEventReadAgainIsTheSameEvent() {
        NoteAdded note = new NoteAdded("inc-1", Instant.parse("2024-03-01T10:00:00Z"), "alice", "n-1", "Errors at 09:58");
        SerializedObject<byte[]> stored = events.serialize(note, byte[].class);

        assertThat((Object) events.deserialize(stored)).isEqualTo(note);
        assertThat((Object) events.deserialize(stored)).isEqualTo(note);
    }

    @Test
    void aTypeThisVersionDoesNotHaveStaysUnknownEachTimeItIsRead() {
        SerializedObject<byte[]> stored = new SimpleSerializedObject<>("{}".getBytes(), byte[].class,
                new SimpleSerializedType("dev.blackbox.events.FromALaterVersion", null));

        for (int read = 0; read < 2; read++) {
            assertThat((Object) events.deserialize(stored)).isInstanceOf(UnknownSerializedType.class);
            assertThat(events.classForType(stored.getType())).isEqualTo(UnknownSerializedType.class);
        }
    }
}
