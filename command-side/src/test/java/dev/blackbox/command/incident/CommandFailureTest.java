package dev.blackbox.command.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * A failure must mean the same to the sender after crossing Axon Server, where only the message and
 * the serialized details of a {@link CommandExecutionException} travel.
 */
class CommandFailureTest {

    private final Serializer wire = JacksonSerializer.defaultSerializer();

    @Test
    void aBrokenRuleArrivesAsTheSameRuleViolation() {
        RuntimeException received = acrossTheWire(
                new IllegalStateException("handler failed", new RuleViolation(Rule.INCIDENT_RESOLVED, "resolved")));

        assertThat(received).isInstanceOf(RuleViolation.class).hasMessage("resolved");
        assertThat(((RuleViolation) received).rule()).isEqualTo(Rule.INCIDENT_RESOLVED);
    }

    @Test
    void anUnknownIncidentArrivesAsNotFoundWithItsId() {
        RuntimeException received = acrossTheWire(new AggregateNotFoundException("inc-9", "not found"));

        assertThat(received).isInstanceOf(AggregateNotFoundException.class);
        assertThat(((AggregateNotFoundException) received).getAggregateIdentifier()).isEqualTo("inc-9");
    }

    @Test
    void lostRacesArriveAsConflictsTheSenderRetries() {
        assertThat(acrossTheWire(new AggregateStreamCreationException("created twice")))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(acrossTheWire(new ConcurrencyException("appended twice")))
                .isExactlyInstanceOf(ConcurrencyException.class);
    }

    @Test
    void otherFailuresStayWhatTheyAre() {
        CommandExecutionException crash = new CommandExecutionException("disk full", null);

        assertThat(CommandFailure.of(new IllegalStateException("disk full"))).isEmpty();
        assertThat(CommandFailure.unwrap(crash)).isSameAs(crash);
    }

    /** What the handling process sends and what the sending process makes of it. */
    private RuntimeException acrossTheWire(Throwable handlerFailure) {
        CommandFailure failure = CommandFailure.of(handlerFailure).orElseThrow();
        SerializedObject<byte[]> serialized = wire.serialize(failure, byte[].class);
        Object details = wire.deserialize(serialized);
        return CommandFailure.unwrap(new CommandExecutionException(handlerFailure.getMessage(), null, details));
    }
}
