package dev.blackbox.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One on-call bot working through its share of the incidents: it opens each, then sends what bots
 * send during an outage, in proportions chosen to look like a busy incident channel: mostly notes,
 * actions and hypotheses, some verdicts, impact updates, escalations, severity changes, and a few retries of the
 * request it just sent (a timeout on the bot's side). Every request is valid, so every answer must
 * be 2xx. Bots own disjoint incidents, so rule violations never arise from two bots' interleaving.
 */
final class IngestBot implements Load.Bot {

    private static final String[] SERVICES = {"checkout", "payments", "search", "login", "api-gateway", "cdn"};
    private static final String[] OUTCOMES = {"NO_EFFECT", "PARTIAL", "UNKNOWN", "MADE_WORSE"};
    /** Incidents open at SEV2, index 1. */
    private static final String[] SEVERITIES = {"SEV1", "SEV2", "SEV3", "SEV4"};

    /** Per incident, what the bot has to remember to send only valid commands. */
    private static final class Incident {
        final String id;
        boolean detected;
        int next;
        int severity = 1;
        final List<String> openHypotheses = new ArrayList<>();

        Incident(String id) {
            this.id = id;
        }
    }

    private final List<Incident> incidents = new ArrayList<>();
    private final SplittableRandom random;
    private final String name;
    private int turn;
    private String lastPath;
    private String lastBody;

    IngestBot(String runId, int bot, int bots, int incidentCount) {
        for (int i = bot; i < incidentCount; i += bots) {
            incidents.add(new Incident("bench-" + runId + "-" + i));
        }
        if (incidents.isEmpty()) {
            throw new IllegalArgumentException("more bots than incidents: bot " + bot + " would have nothing to do");
        }
        this.random = new SplittableRandom(bot * 7919L + runId.hashCode());
        this.name = "bench-bot-" + bot;
    }

    @Override
    public HttpConnection.Response next(HttpConnection connection) throws IOException {
        Incident incident = incidents.get(turn++ % incidents.size());
        if (!incident.detected) {
            incident.detected = true;
            return post(connection, "/api/v1/incidents", """
                    {"incidentId":"%s","title":"Elevated error rate on %s","severity":"SEV2","detectedBy":"monitoring",\
                    "affectedServices":["%s"],"userImpactPercent":%d,"by":"%s"}"""
                    .formatted(incident.id, service(), service(), random.nextInt(1, 100), name));
        }
        int roll = random.nextInt(100);
        int n = incident.next++;
        String base = "/api/v1/incidents/" + incident.id;
        if (roll < 3 && lastPath != null) {
            return connection.send("POST", lastPath, lastBody);
        }
        if (roll < 30) {
            return post(connection, base + "/notes", """
                    {"noteId":"n-%d","text":"Error rate at %d%%, p99 latency %d ms on %s"}"""
                    .formatted(n, random.nextInt(100), random.nextInt(50, 5000), service()));
        }
        if (roll < 45) {
            String hypothesis = "h-" + n;
            incident.openHypotheses.add(hypothesis);
            return post(connection, base + "/hypotheses", """
                    {"hypothesisId":"%s","statement":"Deploy %d of %s exhausted its connection pool",\
                    "suspectedComponent":"%s"}""".formatted(hypothesis, n, service(), service()));
        }
        if (roll < 55 && !incident.openHypotheses.isEmpty()) {
            String hypothesis = incident.openHypotheses.remove(random.nextInt(incident.openHypotheses.size()));
            return post(connection, base + "/hypotheses/" + hypothesis + "/rule-out", """
                    {"evidence":"Dashboards for %s stayed green while errors continued"}""".formatted(service()));
        }
        if (roll < 75) {
            String tested = incident.openHypotheses.isEmpty()
                    ? "" : ",\"hypothesisId\":\"" + incident.openHypotheses.get(0) + "\"";
            return post(connection, base + "/actions", """
                    {"actionId":"a-%d","description":"Restarted %d pods of %s","outcome":"%s"%s}"""
                    .formatted(n, random.nextInt(1, 20), service(), OUTCOMES[random.nextInt(OUTCOMES.length)], tested));
        }
        if (roll < 82) {
            return post(connection, base + "/impact", """
                    {"userImpactPercent":%d,"affectedServices":["%s","%s"],"description":"Impact update %d"}"""
                    .formatted(random.nextInt(101), service(), service(), n));
        }
        if (roll < 87) {
            return post(connection, base + "/escalations", """
                    {"escalationTarget":"%s-team","reason":"Needs owners of %s (%d)"}"""
                    .formatted(service(), service(), n));
        }
        if (roll < 91) {
            return post(connection, base + "/acknowledgements", """
                    {"responder":"responder-%d"}""".formatted(n));
        }
        if (roll < 96) {
            // Changing to the current severity is refused (409), so a bot always moves it.
            incident.severity = (incident.severity + random.nextInt(1, SEVERITIES.length)) % SEVERITIES.length;
            return post(connection, base + "/severity", """
                    {"severity":"%s","reason":"Reassessed at step %d"}"""
                    .formatted(SEVERITIES[incident.severity], n));
        }
        return post(connection, base + "/corrective-actions", """
                {"correctiveActionId":"ca-%d","description":"Alert earlier on %s saturation","kind":"IMPROVEMENT",\
                "owner":"%s-team"}""".formatted(n, service(), service()));
    }

    private HttpConnection.Response post(HttpConnection connection, String path, String body) throws IOException {
        lastPath = path;
        lastBody = body;
        return connection.send("POST", path, body);
    }

    private String service() {
        return SERVICES[random.nextInt(SERVICES.length)];
    }
}
