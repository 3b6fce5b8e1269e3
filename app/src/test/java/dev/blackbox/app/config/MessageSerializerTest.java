package dev.blackbox.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.command.incident.ImportIncident;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.Severity;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** Through Axon Server every command is serialized; an import must arrive with the same events. */
class MessageSerializerTest {

    private final Serializer messages = new SerializerConfig().messageSerializer();

    @Test
    void anImportedHistoryCrossesTheWireEventForEvent() {
        Instant detected = Instant.parse("2024-03-01T10:00:00Z");
        List<IncidentEvent> history = List.of(
                new IssueDetected("inc-1", detected, "alert-bot", "Checkout fails", null, Severity.SEV2,
                        "monitoring", detected, List.of("checkout"), 30, false),
                new NoteAdded("inc-1", detected.plusSeconds(60), "alice", "n-1", "Errors started at 09:58"));
        ImportIncident command = new ImportIncident("inc-1", history);

        SerializedObject<byte[]> sent = messages.serialize(command, byte[].class);
        Object received = messages.deserialize(sent);

        assertThat(received).isEqualTo(command);
    }
}
