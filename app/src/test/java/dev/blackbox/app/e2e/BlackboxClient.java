package dev.blackbox.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Talks to a running Blackbox over real HTTP, the way a bot would. */
final class BlackboxClient {

    /** What came back: the status, the headers, and the body. */
    record Answer(int status, String contentType, String location, String body, HttpHeaders headers) {

        /** The first value of the header {@code name}, or null. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** The command endpoints of SPEC §8, keyed by the scenario files' command names. */
    private static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("AcknowledgeIncident", "acknowledgements"),
            Map.entry("Escalate", "escalations"),
            Map.entry("RecordHypothesis", "hypotheses"),
            Map.entry("RuleOutHypothesis", "hypotheses/{hypothesisId}/rule-out"),
            Map.entry("ConfirmHypothesis", "hypotheses/{hypothesisId}/confirm"),
            Map.entry("RecordAction", "actions"),
            Map.entry("AssessImpact", "impact"),
            Map.entry("ChangeSeverity", "severity"),
            Map.entry("IdentifyRootCause", "root-cause"),
            Map.entry("Mitigate", "mitigation"),
            Map.entry("Resolve", "resolution"),
            Map.entry("Reopen", "reopening"),
            Map.entry("AddCorrectiveAction", "corrective-actions"),
            Map.entry("CompleteCorrectiveAction", "corrective-actions/{correctiveActionId}/completion"),
            Map.entry("AddNote", "notes"),
            Map.entry("WriteConclusion", "conclusion"));

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    BlackboxClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    /** Sends one scenario step; ids that belong in the path are moved there from the body. */
    Answer send(String incidentId, Scenario.Step step, String token) {
        ObjectNode body = step.body().deepCopy();
        if (step.command().equals("DetectIssue")) {
            body.put("incidentId", incidentId);
            return post("/api/v1/incidents", body.toString(), token);
        }
        String path = PATHS.get(step.command());
        if (path == null) {
            throw new IllegalArgumentException("unknown command " + step.command());
        }
        for (String id : new String[] {"hypothesisId", "correctiveActionId"}) {
            if (path.contains("{" + id + "}")) {
                path = path.replace("{" + id + "}", body.remove(id).asText());
            }
        }
        String uri = "/api/v1/incidents/" + incidentId + "/" + path;
        return step.command().equals("WriteConclusion")
                ? exchange("PUT", uri, body.toString(), token, Map.of())
                : post(uri, body.toString(), token);
    }

    /** Opens the incident {@code incidentId}: "Checkout fails", SEV2. */
    Answer detect(String incidentId, String token) {
        return post("/api/v1/incidents",
                "{\"incidentId\":\"" + incidentId + "\",\"title\":\"Checkout fails\",\"severity\":\"SEV2\"}", token);
    }

    Answer post(String path, String json, String token) {
        return exchange("POST", path, json, token, Map.of());
    }

    Answer get(String path, String token) {
        return exchange("GET", path, null, token, Map.of());
    }

    /**
     * Signs in to the web interface as a browser does, with {@code token} typed into the login page;
     * returns the signed-in session's cookie, for {@link #page}.
     */
    String signIn(String token) {
        Answer login = exchange("GET", "/login", null, null, Map.of());
        Matcher csrf = CSRF_FIELD.matcher(login.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the login page: " + login.body());
        }
        Answer signedIn = exchange("POST", "/login", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8), null, Map.of(
                "Content-Type", "application/x-www-form-urlencoded", "Cookie", session(login)));
        if (signedIn.status() != 302 || signedIn.location().contains("error")) {
            throw new IllegalStateException("not signed in: " + signedIn.status() + " " + signedIn.location());
        }
        return session(signedIn);
    }

    /** A page of the web interface, read in the session {@link #signIn} returned. */
    Answer page(String path, String session) {
        return exchange("GET", path, null, null, Map.of("Accept", "text/html", "Cookie", session));
    }

    private static String session(Answer answer) {
        return answer.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID="))
                .map(cookie -> cookie.split(";", 2)[0])
                .findFirst().orElseThrow(() -> new IllegalStateException("no session cookie"));
    }

    Answer exchange(String method, String path, String json, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
