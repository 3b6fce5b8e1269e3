package dev.blackbox.app.topology;

import dev.blackbox.events.IncidentEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read model that remembers which instance projected which event, so a test can see how the work
 * was split. Added to a context explicitly (it is not a component), in the same transaction as the
 * processor's token, like every real projection.
 */
@ProcessingGroup(ProjectionProbe.PROCESSOR)
class ProjectionProbe {

    static final String PROCESSOR = "projection-probe";
    static final String TABLE =
            "CREATE TABLE projected_event (event_id VARCHAR(64), incident_id VARCHAR(255), node_id VARCHAR(64))";

    private final JdbcTemplate jdbc;
    private final String nodeId;

    ProjectionProbe(JdbcTemplate jdbc, Environment environment) {
        this.jdbc = jdbc;
        this.nodeId = environment.getRequiredProperty("blackbox.processing.node-id");
    }

    @EventHandler
    void on(IncidentEvent event, @MessageIdentifier String eventId) {
        jdbc.update("INSERT INTO projected_event (event_id, incident_id, node_id) VALUES (?, ?, ?)",
                eventId, event.incidentId(), nodeId);
    }
}
