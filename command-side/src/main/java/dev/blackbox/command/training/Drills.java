package dev.blackbox.command.training;

import dev.blackbox.events.DrillSpeed;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.plumbing.positions.EventPositions;
import dev.blackbox.plumbing.web.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Starts and reveals drills, for the training API and the web interface alike. */
@Component
public class Drills {

    /** A started drill: its id, the incident the trainees work and the store position to read from. */
    public record Started(String drillId, String incidentId, String sourceIncidentId, DrillSpeed speed,
                          long position) {
    }

    private static final String DRILL_PREFIX = "drill-";
    private static final String INCIDENT_PREFIX = "training-";
    private static final Duration DRILL_INCIDENT_WAIT = Duration.ofSeconds(10);

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final EventPositions positions;

    Drills(CommandGateway commandGateway, EventStore eventStore, EventPositions positions) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.positions = positions;
    }

    /**
     * Starts a drill of {@code sourceIncidentId}; the same {@code key} from the same {@code by} names
     * the same drill, so a repeated request starts no second one.
     */
    public Started start(String sourceIncidentId, DrillSpeed speed, String key, String by) {
        DomainEventStream source = eventStore.readEvents(sourceIncidentId, 0);
        // Drills are stored in the same table: the id may name a drill's history instead of an incident's.
        if (!source.hasNext() || !(source.peek().getPayload() instanceof IncidentEvent)) {
            throw Problems.refusal(HttpStatus.NOT_FOUND, "Incident not found", "no incident " + sourceIncidentId);
        }
        UUID id = key == null ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes((by + '\n' + key).getBytes(StandardCharsets.UTF_8));
        String drillId = DRILL_PREFIX + id;
        String incidentId = INCIDENT_PREFIX + id;
        commandGateway.sendAndWait(new StartDrill(drillId, incidentId, sourceIncidentId, speed, by));
        awaitDrillIncident(incidentId);
        return new Started(drillId, incidentId, sourceIncidentId, speed,
                Math.max(positions.latest(drillId), positions.latest(incidentId)));
    }

    /** Reveals a drill and answers the store position of the reveal. */
    public long reveal(String drillId, String by) {
        commandGateway.sendAndWait(new RevealDrill(drillId, by));
        return positions.latest(drillId);
    }

    /** The drill whose trainees work {@code incidentId}, or null when it is no drill's incident. */
    public static String drillOf(String incidentId) {
        return incidentId.startsWith(INCIDENT_PREFIX)
                ? DRILL_PREFIX + incidentId.substring(INCIDENT_PREFIX.length()) : null;
    }

    /**
     * The drill saga opens the drill incident moments after the drill starts. Answering only once
     * it exists lets trainees record facts on it straight away instead of meeting a 404.
     */
    private void awaitDrillIncident(String incidentId) {
        long deadline = System.nanoTime() + DRILL_INCIDENT_WAIT.toNanos();
        while (!eventStore.readEvents(incidentId, 0).hasNext() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
