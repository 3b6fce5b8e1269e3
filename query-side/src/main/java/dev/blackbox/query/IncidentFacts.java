package dev.blackbox.query;

import dev.blackbox.events.ImpactAssessed;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.RootCauseIdentified;
import dev.blackbox.events.Severity;
import dev.blackbox.events.SeverityChanged;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.blackbox.query.SqlTimes.asStored;
import static dev.blackbox.query.SqlTimes.supersedes;

/**
 * The facts of one incident that both one-row-per-incident read models keep, the incident summary and
 * its metrics, each in a mutable row of its own, and how they change. The current severity, impact
 * and root cause are the latest in the world's time, so a back-filled older fact does not win over a
 * newer one; counts and the resolution follow the order the aggregate accepted the events in.
 */
public abstract class IncidentFacts {

    public String incidentId;
    public boolean drill;
    public Severity severity;
    public Instant severityChangedAt;
    public Instant detectedAt;
    public Instant impactStartedAt;
    /** When the impact assessment that set {@code services} happened. */
    public Instant impactAssessedAt;
    /** The final resolution; null while open, including after a reopen. */
    public Instant resolvedAt;
    public RootCauseCategory rootCauseCategory;
    /** The latest root cause identification in the world's time. */
    public Instant rootCauseAt;
    public int escalationCount;
    public int hypothesisCount;
    public int ruledOutCount;
    /** The sequence number of the incident's last event applied: events at or below it are not applied again. */
    public long lastSequence;
    public List<String> services = new ArrayList<>();
    public boolean servicesChanged;

    /**
     * Applies {@code change} to the incident's row, unless it has applied this event already, which
     * makes a replay harmless, and has the row saved.
     */
    public static <R extends IncidentFacts> void change(Optional<R> row, long sequence, Consumer<R> change,
            Consumer<R> save) {
        row.filter(found -> found.lastSequence < sequence).ifPresent(found -> {
            change.accept(found);
            found.lastSequence = sequence;
            save.accept(found);
        });
    }

    /** The facts the detection states. */
    public void detected(IssueDetected event, long sequence) {
        incidentId = event.incidentId();
        drill = event.drill();
        severity = event.severity();
        severityChangedAt = event.occurredAt();
        detectedAt = event.occurredAt();
        impactStartedAt = event.impactStartedAt() == null ? event.occurredAt() : event.impactStartedAt();
        impactAssessedAt = event.occurredAt();
        services = new ArrayList<>(event.affectedServices());
        lastSequence = sequence;
    }

    /** Takes the new severity unless a later change is known already; true if it took it. */
    public boolean severityChanged(SeverityChanged event) {
        if (!supersedes(event.occurredAt(), severityChangedAt)) {
            return false;
        }
        severity = event.severity();
        severityChangedAt = event.occurredAt();
        return true;
    }

    /** Takes the assessment's services unless a later assessment is known already; true if it took it. */
    public boolean impactAssessed(ImpactAssessed event) {
        if (!supersedes(event.occurredAt(), impactAssessedAt)) {
            return false;
        }
        impactAssessedAt = event.occurredAt();
        if (!event.affectedServices().isEmpty()) {
            services = new ArrayList<>(event.affectedServices());
            servicesChanged = true;
        }
        return true;
    }

    /** Takes the root cause unless a later identification is known already; true if it took it. */
    public boolean rootCauseIdentified(RootCauseIdentified event) {
        if (!supersedes(event.occurredAt(), rootCauseAt)) {
            return false;
        }
        rootCauseCategory = event.category();
        rootCauseAt = event.occurredAt();
        return true;
    }

    /** Keeps the instants as the table would give them back, for the next event of the same batch. */
    public void keepInstantsAsStored() {
        severityChangedAt = asStored(severityChangedAt);
        detectedAt = asStored(detectedAt);
        impactStartedAt = asStored(impactStartedAt);
        impactAssessedAt = asStored(impactAssessedAt);
        resolvedAt = asStored(resolvedAt);
        rootCauseAt = asStored(rootCauseAt);
    }
}
