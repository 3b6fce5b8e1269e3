package dev.blackbox.query.search;

import dev.blackbox.events.ActionTaken;
import dev.blackbox.events.ConclusionWritten;
import dev.blackbox.events.ContributingFactorIdentified;
import dev.blackbox.events.CorrectiveActionAdded;
import dev.blackbox.events.HypothesisConfirmed;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.HypothesisRuledOut;
import dev.blackbox.events.ImpactAssessed;
import dev.blackbox.events.IncidentEscalated;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.events.IncidentMitigated;
import dev.blackbox.events.IncidentReopened;
import dev.blackbox.events.IncidentResolved;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.RootCauseIdentified;
import dev.blackbox.events.SeverityChanged;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The two kinds of document in the search index. An event document holds the words of one fact
 * (a title, a hypothesis, evidence, a note...) with its incident and sequence number, and never
 * changes. An incident document holds what search filters on and what similar incidents are
 * compared by; it is rewritten as the incident changes. A drill document says whether a drill's
 * answer was revealed, until which its incident is shown no similar incidents.
 */
final class IncidentDocuments {

    static final String TYPE = "type";
    static final String EVENT = "event";
    static final String INCIDENT = "incident";
    static final String ID = "id";
    static final String INCIDENT_ID = "incidentId";
    static final String SEQUENCE = "sequence";
    static final String KIND = "kind";
    static final String TEXT = "text";
    static final String TITLE = "title";
    static final String DESCRIPTION = "description";
    static final String STATEMENT = "statement";
    static final String WORDS = "words";
    static final String SERVICE = "service";
    static final String COMPONENT = "component";
    static final String LABEL = "label";
    static final String SEVERITY = "severity";
    static final String STATUS = "status";
    static final String DETECTED_AT = "detectedAt";
    static final String DRILL = "drill";
    static final String DRILL_ID = "drillId";
    static final String REVEALED = "revealed";

    /** An alert storm can carry thousands of distinct labels; the first ones describe the incident well enough. */
    private static final int MAX_LABELS = 200;

    private IncidentDocuments() {
    }

    /** What search shows of an event, or null for an event with no words worth finding. */
    record Words(String kind, String text) {
    }

    static Words words(IncidentEvent event) {
        if (event instanceof IssueDetected e) {
            return words("DETECTED", e.title(), e.description());
        }
        if (event instanceof HypothesisRecorded e) {
            return words("HYPOTHESIS", e.statement(), e.suspectedComponent());
        }
        if (event instanceof HypothesisRuledOut e) {
            return words("EVIDENCE", e.evidence());
        }
        if (event instanceof HypothesisConfirmed e) {
            return words("EVIDENCE", e.evidence());
        }
        if (event instanceof ActionTaken e) {
            return words("ACTION", e.description());
        }
        if (event instanceof RootCauseIdentified e) {
            return words("ROOT_CAUSE", e.summary());
        }
        if (event instanceof ContributingFactorIdentified e) {
            return words("CONTRIBUTING_FACTOR", e.description());
        }
        if (event instanceof NoteAdded e) {
            return words("NOTE", e.text());
        }
        if (event instanceof ConclusionWritten e) {
            return words("CONCLUSION", e.text());
        }
        if (event instanceof CorrectiveActionAdded e) {
            return words("CORRECTIVE_ACTION", e.description());
        }
        if (event instanceof ImpactAssessed e) {
            return words("IMPACT", e.description());
        }
        if (event instanceof IncidentEscalated e) {
            return words("ESCALATION", e.escalationTarget(), e.reason());
        }
        if (event instanceof IncidentMitigated e) {
            return words("MITIGATION", e.description());
        }
        if (event instanceof IncidentResolved e) {
            return words("RESOLUTION", e.resolution());
        }
        if (event instanceof IncidentReopened e) {
            return words("REOPENING", e.reason());
        }
        return null;
    }

    private static Words words(String kind, String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                present.add(part.strip());
            }
        }
        return present.isEmpty() ? null : new Words(kind, String.join("\n", present));
    }

    static Term eventId(String incidentId, long sequence) {
        return new Term(ID, "e:" + incidentId + ":" + sequence);
    }

    static Term incidentId(String incidentId) {
        return new Term(ID, "i:" + incidentId);
    }

    static Term drillId(String drillId) {
        return new Term(ID, "d:" + drillId);
    }

    static Document drill(String drillId, String incidentId, boolean revealed) {
        Document document = new Document();
        document.add(new StringField(ID, drillId(drillId).text(), Field.Store.NO));
        document.add(new StringField(TYPE, DRILL, Field.Store.NO));
        document.add(new StringField(INCIDENT_ID, incidentId, Field.Store.YES));
        document.add(new StringField(REVEALED, Boolean.toString(revealed), Field.Store.YES));
        return document;
    }

    static Document event(String incidentId, long sequence, Words words) {
        Document document = new Document();
        document.add(new StringField(ID, eventId(incidentId, sequence).text(), Field.Store.NO));
        document.add(new StringField(TYPE, EVENT, Field.Store.NO));
        document.add(new StringField(INCIDENT_ID, incidentId, Field.Store.YES));
        document.add(new StoredField(SEQUENCE, sequence));
        document.add(new StoredField(KIND, words.kind()));
        document.add(new TextField(TEXT, words.text(), Field.Store.YES));
        return document;
    }

    /** An incident as its document holds it; changed by the events that change what it is compared and filtered by. */
    static final class IncidentState {
        String incidentId;
        String title = "";
        String description = "";
        String severity;
        String status = "OPEN";
        long detectedAt;
        boolean drill;
        final Set<String> services = new LinkedHashSet<>();
        final Set<String> components = new LinkedHashSet<>();
        final Set<String> labels = new LinkedHashSet<>();
        final List<String> statements = new ArrayList<>();

        static IncidentState of(Document document) {
            IncidentState state = new IncidentState();
            state.incidentId = document.get(INCIDENT_ID);
            state.title = document.get(TITLE);
            state.description = document.get(DESCRIPTION);
            state.severity = document.get(SEVERITY);
            state.status = document.get(STATUS);
            state.detectedAt = document.getField(DETECTED_AT).numericValue().longValue();
            state.drill = Boolean.parseBoolean(document.get(DRILL));
            for (IndexableField service : document.getFields(SERVICE)) {
                state.services.add(service.stringValue());
            }
            for (IndexableField component : document.getFields(COMPONENT)) {
                state.components.add(component.stringValue());
            }
            for (IndexableField label : document.getFields(LABEL)) {
                state.labels.add(label.stringValue());
            }
            for (IndexableField statement : document.getFields(STATEMENT)) {
                state.statements.add(statement.stringValue());
            }
            return state;
        }

        /** Whether the event changed the incident's document. */
        boolean apply(IncidentEvent event) {
            if (event instanceof IssueDetected e) {
                incidentId = e.incidentId();
                title = orEmpty(e.title());
                description = orEmpty(e.description());
                severity = e.severity().name();
                detectedAt = e.occurredAt().toEpochMilli();
                drill = e.drill();
                services.addAll(e.affectedServices());
                return true;
            }
            if (event instanceof HypothesisRecorded e) {
                statements.add(orEmpty(e.statement()));
                if (e.suspectedComponent() != null && !e.suspectedComponent().isBlank()) {
                    components.add(e.suspectedComponent().strip().toLowerCase(Locale.ROOT));
                }
                return true;
            }
            if (event instanceof NoteAdded e && !e.labels().isEmpty() && labels.size() < MAX_LABELS) {
                int before = labels.size();
                e.labels().forEach((name, value) -> {
                    if (labels.size() < MAX_LABELS) {
                        labels.add(name + "=" + value);
                    }
                });
                return labels.size() > before;
            }
            if (event instanceof ImpactAssessed e && !e.affectedServices().isEmpty()) {
                services.clear();
                services.addAll(e.affectedServices());
                return true;
            }
            if (event instanceof SeverityChanged e) {
                severity = e.severity().name();
                return true;
            }
            if (event instanceof IncidentMitigated) {
                status = status.equals("RESOLVED") ? status : "MITIGATED";
                return true;
            }
            if (event instanceof IncidentResolved) {
                status = "RESOLVED";
                return true;
            }
            if (event instanceof IncidentReopened) {
                status = "OPEN";
                return true;
            }
            return false;
        }

        /** Title, description and hypotheses: the words similar incidents are compared by. */
        String words() {
            return String.join("\n", title, description, String.join("\n", statements));
        }

        Document document() {
            Document document = new Document();
            document.add(new StringField(ID, IncidentDocuments.incidentId(incidentId).text(), Field.Store.NO));
            document.add(new StringField(TYPE, INCIDENT, Field.Store.NO));
            document.add(new StringField(INCIDENT_ID, incidentId, Field.Store.YES));
            document.add(new StoredField(TITLE, title));
            document.add(new StoredField(DESCRIPTION, description));
            document.add(new StringField(SEVERITY, severity, Field.Store.YES));
            document.add(new StringField(STATUS, status, Field.Store.YES));
            document.add(new LongPoint(DETECTED_AT, detectedAt));
            document.add(new StoredField(DETECTED_AT, detectedAt));
            document.add(new StringField(DRILL, Boolean.toString(drill), Field.Store.YES));
            services.forEach(service -> document.add(new StringField(SERVICE, service, Field.Store.YES)));
            components.forEach(component -> document.add(new StringField(COMPONENT, component, Field.Store.YES)));
            labels.forEach(label -> document.add(new StringField(LABEL, label, Field.Store.YES)));
            statements.forEach(statement -> document.add(new StoredField(STATEMENT, statement)));
            document.add(new TextField(WORDS, words(), Field.Store.NO));
            return document;
        }

        private static String orEmpty(String text) {
            return text == null ? "" : text;
        }
    }
}
