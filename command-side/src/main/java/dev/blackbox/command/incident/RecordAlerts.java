package dev.blackbox.command.incident;

import dev.blackbox.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What an alert router (Alertmanager, Grafana) reports about one group of alerts, the incident that
 * holds the group records what is new to it. Each alert is known by a key the router's own
 * identity for it gives (its fingerprint and start), so a notification sent again, or repeated
 * while nothing changes, records nothing.
 *
 * @param incidentId     the incident of this group, derived from the group by the integration
 * @param recordedBy     the token that delivered the notification
 * @param nextIncidentId where the group's alerts go once this incident is over (see {@link Outcome#NEXT_INCIDENT})
 * @param detection      what a new incident is opened with
 * @param alerts         every alert of the group the notification lists, firing or resolved
 * @param whenAllResolved what the incident records once every alert it knows has resolved
 * @param reopenWindow   how long after its mitigation or resolution an incident takes alerts that fire again;
 *                       later ones open the next incident
 */
public record RecordAlerts(
        @TargetAggregateIdentifier String incidentId,
        String recordedBy,
        String nextIncidentId,
        Detection detection,
        List<Alert> alerts,
        WhenAllResolved whenAllResolved,
        Duration reopenWindow) {

    /** The note that says the group's alerts now go to the next incident. */
    static final String HANDED_ON_NOTE = "alerts-handed-on";

    public RecordAlerts {
        alerts = List.copyOf(alerts);
    }

    /** What the first firing notification opens the incident with. */
    public record Detection(String title, String description, Severity severity, String detectedBy,
            List<String> affectedServices) {

        public Detection {
            affectedServices = List.copyOf(affectedServices);
        }
    }

    /**
     * One alert as the router sees it now.
     *
     * @param key          a digest of the router's identity of this firing (fingerprint and start): letters and digits
     * @param endsAt       when it resolved; ignored while it fires
     * @param firingText   the note recorded when the incident first learns it fires
     * @param resolvedText the note recorded when it resolves
     * @param labels       the alert's labels, kept on its firing note
     */
    public record Alert(String key, String name, boolean firing, Instant startsAt, Instant endsAt,
            List<String> services, String firingText, String resolvedText, Map<String, String> labels) {

        public Alert {
            services = List.copyOf(services);
            labels = Map.copyOf(labels);
        }

        String firingNoteId() {
            return "alert-" + key + "-firing";
        }

        String resolvedNoteId() {
            return "alert-" + key + "-resolved";
        }
    }

    /** What "every alert resolved" means for the incident. */
    public enum WhenAllResolved { MITIGATE, RESOLVE, NOTE }

    /** How the incident took the notification. */
    public enum Outcome {
        /** What was new is recorded (possibly nothing, for a notification seen before). */
        RECORDED,
        /** The incident is over and the group fires again: the notification belongs to {@code nextIncidentId}. */
        NEXT_INCIDENT
    }
}
