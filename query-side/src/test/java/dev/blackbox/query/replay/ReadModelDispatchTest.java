package dev.blackbox.query.replay;

import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.Severity;
import dev.blackbox.plumbing.processing.DispatchByPayloadType;
import dev.blackbox.query.Events;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The read models' dispatch by payload type decides and delivers exactly as Axon's own invoker does. */
class ReadModelDispatchTest {

    private final List<String> byAxon = new ArrayList<>();
    private final List<String> byDispatch = new ArrayList<>();
    private final EventHandlerInvoker axon = invokerRecordingTo(byAxon);
    private final EventHandlerInvoker dispatch = DispatchByPayloadType.of(invokerRecordingTo(byDispatch));

    @Test
    void everyEventReachesTheSameHandlersInTheSameSegmentAsThroughAxon() throws Exception {
        List<EventMessage<?>> messages = new ArrayList<>();
        // A detection without a sequence number first: the handler that needs one must still get the
        // stored detections after it, so what was learnt from one kind of message is not applied to another.
        messages.add(GenericEventMessage.asEventMessage(new Events("unstored").detected("10:00", Severity.SEV2)));
        for (int i = 0; i < 40; i++) {
            Events incident = new Events("inc-" + i);
            List<IncidentEvent> events = List.of(incident.detected("10:00", Severity.SEV2, "checkout"),
                    incident.hypothesis("10:05", "h1", "the database"), incident.acknowledged("10:06", "alice"),
                    incident.note("10:07", "poison"));
            for (int sequence = 0; sequence < events.size(); sequence++) {
                messages.add(new GenericDomainEventMessage<>("Incident", "inc-" + i, sequence, events.get(sequence)));
            }
        }
        Segment[] halves = Segment.ROOT_SEGMENT.split();

        List<String> decisions = new ArrayList<>();
        for (EventMessage<?> message : messages) {
            for (Segment segment : halves) {
                boolean axonTakes = axon.canHandle(message, segment);
                assertThat(dispatch.canHandle(message, segment))
                        .as("%s in segment %s", message.getPayload(), segment.getSegmentId())
                        .isEqualTo(axonTakes);
                decisions.add(message.getPayloadType().getSimpleName() + " " + axonTakes);
                axon.handle(message, segment);
                dispatch.handle(message, segment);
            }
        }

        assertThat(byDispatch).isEqualTo(byAxon);
        // The comparison is only as good as its cases: both segments take events, and some kinds none.
        assertThat(decisions).contains("IssueDetected true", "IssueDetected false", "IncidentAcknowledged false");
        assertThat(byAxon).contains("timeline IssueDetected inc-7 0", "summary IssueDetected unstored",
                "timeline HypothesisRecorded inc-7 1", "failed NoteAdded in Summary: poison");
        assertThat(byAxon).noneMatch(call -> call.startsWith("timeline IssueDetected unstored"));
    }

    @Test
    void whetherTheReadModelsMayBeResetIsAxons() {
        assertThat(dispatch.supportsReset()).isEqualTo(axon.supportsReset()).isTrue();
    }

    private static EventHandlerInvoker invokerRecordingTo(List<String> calls) {
        return new MultiEventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                .eventHandlers(new Timeline(calls), new Summary(calls))
                .listenerInvocationErrorHandler((error, event, handler) -> calls.add("failed "
                        + event.getPayloadType().getSimpleName() + " in " + handler.getTargetType().getSimpleName()
                        + ": " + error.getMessage()))
                .build());
    }

    /** Takes stored events only: it needs their sequence numbers. */
    private record Timeline(List<String> calls) {

        @EventHandler
        void on(IssueDetected event, @SequenceNumber long sequence) {
            calls.add("timeline IssueDetected " + event.incidentId() + " " + sequence);
        }

        @EventHandler
        void on(HypothesisRecorded event, @SequenceNumber long sequence) {
            calls.add("timeline HypothesisRecorded " + event.incidentId() + " " + sequence);
        }
    }

    private record Summary(List<String> calls) {

        @EventHandler
        void on(IssueDetected event) {
            calls.add("summary IssueDetected " + event.incidentId());
        }

        @EventHandler
        void on(NoteAdded event) {
            throw new IllegalStateException(event.text());
        }
    }
}
