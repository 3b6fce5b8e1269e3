package dev.blackbox.app.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web interface in a real browser (headless Chromium) against a whole Blackbox over HTTP: sign
 * in, the live incident room and its forms, time travel, the postmortem, metrics and a drill. Each
 * page's screenshot is written to {@code target/screenshots/} (README's are copied from there by hand).
 */
class WebInterfaceBrowserTest extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void aHypothesisRecordedInOneSessionAppearsLiveInAnotherAndIsRuledOut() {
        client.detect("ui-live", Tokens.RESPONDER);
        ChromeDriver responder = signedIn(Tokens.RESPONDER);
        ChromeDriver viewer = signedIn(Tokens.VIEWER);
        viewer.get(url("/incidents/ui-live"));
        waitFor(viewer).until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "Issue detected"));
        assertThat(viewer.findElements(By.id("forms"))).as("a viewer sees no forms").isEmpty();
        assertThat(viewer.findElements(By.cssSelector("form.verdict"))).isEmpty();

        responder.get(url("/incidents/ui-live"));
        responder.findElement(By.id("hypothesis-statement")).sendKeys("The payment provider is <down>");
        responder.findElement(By.id("hypothesis-suspectedComponent")).sendKeys("payments");
        responder.findElement(By.cssSelector("#hypothesis button[type=submit]")).click();

        // The viewer's page was not reloaded: the entry arrives over the room's event stream.
        waitFor(viewer).until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"),
                "The payment provider is <down>"));
        WebElement card = waitFor(responder).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".hypothesis.OPEN")));
        assertThat(card.getText()).contains("The payment provider is <down>", "Suspects payments");
        screenshot(responder, "incident-room");

        card.findElement(By.tagName("textarea")).sendKeys("Their status page and our probes are green");
        card.findElement(By.cssSelector("button.rule-out")).click();
        WebElement ruledOut = waitFor(responder).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".hypothesis.RULED_OUT")));
        assertThat(ruledOut.getText()).contains("The payment provider is <down>", "Their status page and our probes are green",
                "Stayed open");
        assertThat(responder.findElements(By.cssSelector(".hypothesis.OPEN"))).isEmpty();
        waitFor(viewer).until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"),
                "Their status page and our probes are green"));

        responder.manage().window().setSize(new Dimension(390, 844));
        responder.navigate().refresh();
        screenshot(responder, "incident-room-phone");
    }

    @Test
    void theRoomShowsWhatAnEarlierIncidentTaughtAndRecordsContributingFactors() {
        recordResolvedIncident("ui-earlier");
        client.post("/api/v1/incidents", "{\"incidentId\":\"ui-again\",\"title\":\"Logins fail at checkout again\","
                + "\"severity\":\"SEV2\",\"affectedServices\":[\"checkout\"]}", Tokens.RESPONDER);
        client.post("/api/v1/incidents/ui-again/hypotheses", "{\"statement\":\"The database is down\","
                + "\"suspectedComponent\":\"database\"}", Tokens.RESPONDER);
        await("/api/v1/incidents/ui-again/similar", json -> json.toString().contains("ui-earlier"));
        ChromeDriver responder = signedIn(Tokens.RESPONDER);
        responder.get(url("/incidents/ui-again"));

        // Last time, the database was a dead end that cost ten minutes: the room says so while they work.
        String lastTime = responder.findElement(By.id("similar")).getText();
        assertThat(lastTime).contains("Logins fail", "Deploy 4711 leaked connections",
                "Dead end: The database is down (cost 10m");

        responder.findElement(By.id("factor-description")).sendKeys("A campaign doubled the logins <b>at once</b>");
        new Select(responder.findElement(By.id("factor-kind"))).selectByVisibleText("TRIGGER");
        new Select(responder.findElement(By.id("factor-category"))).selectByVisibleText("CAPACITY");
        responder.findElement(By.cssSelector("#factor button[type=submit]")).click();
        WebElement factors = waitFor(responder).until(ExpectedConditions.presenceOfElementLocated(By.id("factors")));
        assertThat(factors.getText()).contains("TRIGGER", "A campaign doubled the logins <b>at once</b>", "(CAPACITY)");

        factors.findElement(By.cssSelector("form.withdraw button")).click();
        WebElement withdrawn = waitFor(responder).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#factors li.withdrawn")));
        assertThat(withdrawn.getText()).contains("withdrawn by");
        JsonNode factor = await("/api/v1/incidents/ui-again",
                json -> json.path("investigation").path("contributingFactors").path(0).path("withdrawnAt").isTextual())
                .path("investigation").path("contributingFactors").path(0);
        assertThat(factor.path("description").asText()).isEqualTo("A campaign doubled the logins <b>at once</b>");
        assertThat(factor.path("kind").asText()).isEqualTo("TRIGGER");
    }

    @Test
    void theTimeSliderShowsWhatWasKnownAtThatMoment() {
        Instant detected = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        client.post("/api/v1/incidents", "{\"incidentId\":\"ui-slider\",\"title\":\"Search is slow\",\"severity\":\"SEV3\","
                + "\"occurredAt\":\"" + detected + "\"}", Tokens.RESPONDER);
        client.post("/api/v1/incidents/ui-slider/hypotheses", "{\"statement\":\"The index is rebuilding\","
                + "\"occurredAt\":\"" + detected.plus(10, ChronoUnit.MINUTES) + "\"}", Tokens.RESPONDER);
        client.post("/api/v1/incidents/ui-slider/hypotheses", "{\"statement\":\"A noisy neighbour\","
                + "\"occurredAt\":\"" + detected.plus(60, ChronoUnit.MINUTES) + "\"}", Tokens.RESPONDER);
        ChromeDriver browser = signedIn(Tokens.VIEWER);
        browser.get(url("/incidents/ui-slider"));
        waitFor(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "A noisy neighbour"));

        WebElement slider = browser.findElement(By.id("asOf"));
        long moment = detected.plus(30, ChronoUnit.MINUTES).getEpochSecond();
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", slider, moment);

        waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("as-of")));
        assertThat(browser.findElement(By.id("as-of")).getText())
                .isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                        .withZone(ZoneOffset.UTC).format(Instant.ofEpochSecond(moment)));
        String timeline = browser.findElement(By.id("timeline")).getText();
        assertThat(timeline).contains("The index is rebuilding").doesNotContain("A noisy neighbour");
        assertThat(browser.findElement(By.id("board")).getText()).contains("Open (1)");
    }

    @Test
    void aBadValueIsShownAtItsFieldAndNothingIsStored() {
        client.detect("ui-invalid", Tokens.RESPONDER);
        int entries = timeline("ui-invalid").size();
        ChromeDriver browser = signedIn(Tokens.RESPONDER);
        browser.get(url("/incidents/ui-invalid"));
        browser.findElement(By.id("impact-userImpactPercent")).sendKeys("150");
        browser.findElement(By.cssSelector("#impact button[type=submit]")).click();

        WebElement error = waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(
                By.id("impact-userImpactPercent-error")));
        assertThat(error.getText()).isEqualTo("must be less than or equal to 100");
        assertThat(browser.findElement(By.id("impact-userImpactPercent")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("impact-userImpactPercent")).getAttribute("value")).isEqualTo("150");

        client.post("/api/v1/incidents/ui-invalid/notes", "{\"text\":\"a later fact\"}", Tokens.RESPONDER);
        await("/api/v1/incidents/ui-invalid/timeline", json -> json.get("entries").size() == entries + 1);
        assertThat(timeline("ui-invalid").findValuesAsText("kind")).doesNotContain("IMPACT_ASSESSED");
    }

    @Test
    void aFormSentWithoutItsCsrfTokenIsRefused() throws IOException, InterruptedException {
        client.detect("ui-csrf", Tokens.RESPONDER);
        ChromeDriver browser = signedIn(Tokens.RESPONDER);
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        assertThat(browser.manage().getCookieNamed("JSESSIONID").isHttpOnly()).isTrue();
        assertThat(browser.manage().getCookieNamed("JSESSIONID").getSameSite()).isEqualTo("Strict");

        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(
                        "/incidents/ui-csrf/notes")))
                .header("Cookie", "JSESSIONID=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("text=forged")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(403);
        client.post("/api/v1/incidents/ui-csrf/notes", "{\"text\":\"a real note\"}", Tokens.RESPONDER);
        await("/api/v1/incidents/ui-csrf/timeline", json -> json.toString().contains("a real note"));
        assertThat(timeline("ui-csrf").toString()).doesNotContain("forged");
    }

    @Test
    void aViewersSessionMayNotSendACommandEvenWithItsCsrfToken() throws IOException, InterruptedException {
        client.detect("ui-viewer", Tokens.RESPONDER);
        ChromeDriver viewer = signedIn(Tokens.VIEWER);
        viewer.get(url("/incidents/ui-viewer"));
        String session = viewer.manage().getCookieNamed("JSESSIONID").getValue();
        String csrf = viewer.findElement(By.cssSelector(".signout input[name=_csrf]")).getAttribute("value");

        HttpResponse<String> note = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(
                        "/incidents/ui-viewer/notes")))
                .header("Cookie", "JSESSIONID=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("text=from-a-viewer&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(note.statusCode()).isEqualTo(403);
        client.post("/api/v1/incidents/ui-viewer/notes", "{\"text\":\"a responder's note\"}", Tokens.RESPONDER);
        await("/api/v1/incidents/ui-viewer/timeline", json -> json.toString().contains("a responder's note"));
        assertThat(timeline("ui-viewer").toString()).doesNotContain("from-a-viewer");
    }

    @Test
    void signingInNeedsAValidTokenAndSigningOutEndsTheSession() {
        ChromeDriver browser = Browsers.open();
        browsers.add(browser);
        browser.get(url("/incidents"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        screenshot(browser, "login");
        browser.findElement(By.name("token")).sendKeys("not-a-token");
        browser.findElement(By.cssSelector("main form button")).click();
        assertThat(browser.findElement(By.cssSelector(".refusal")).getText()).contains("not valid");

        browser.findElement(By.name("token")).sendKeys(Tokens.VIEWER);
        browser.findElement(By.cssSelector("main form button")).click();
        waitFor(browser).until(ExpectedConditions.urlContains("/incidents"));
        assertThat(browser.findElement(By.cssSelector(".signout")).getText()).contains("dashboard (viewer)");

        browser.findElement(By.cssSelector(".signout button")).click();
        waitFor(browser).until(ExpectedConditions.urlContains("/login?signedOut"));
        browser.get(url("/incidents"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
    }

    @Test
    void thePostmortemAndTheMetricsAreReadWithTheirCharts() {
        recordResolvedIncident("ui-postmortem");
        ChromeDriver browser = signedIn(Tokens.RESPONDER);
        browser.get(url("/incidents?status=RESOLVED"));
        assertThat(browser.findElement(By.cssSelector("table.incidents")).getText()).contains("Logins fail");
        browser.get(url("/incidents"));
        screenshot(browser, "incidents");

        browser.get(url("/incidents/ui-postmortem/postmortem"));
        assertThat(browser.findElement(By.cssSelector(".document")).getText())
                .contains("Issue Summary", "Deploy 4711 leaked connections");
        waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline-chart canvas")));
        assertThat(browser.findElement(By.cssSelector(".downloads")).getText()).contains("Markdown", "JSON", "HTML");
        WebElement measures = browser.findElement(By.id("measures"));
        assertThat(measures.getText()).contains("Add a connection-leak test", "open");
        measures.findElement(By.tagName("button")).click();
        waitFor(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("measures"), "done"));
        screenshot(browser, "postmortem");

        browser.get(url("/metrics"));
        waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#over-time-chart canvas")));
        waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#severity-chart canvas")));
        assertThat(browser.findElement(By.id("main")).getText()).contains("By severity", "SEV2", "By root-cause category",
                "CODE_CHANGE");
        screenshot(browser, "metrics");
    }

    @Test
    void aDrillRunsFromTheLibraryToItsReport() {
        recordResolvedIncident("ui-drill-source");
        ChromeDriver trainer = signedIn(Tokens.ADMIN);
        trainer.get(url("/drills"));
        new Select(trainer.findElement(By.id("sourceIncidentId"))).selectByValue("ui-drill-source");
        new Select(trainer.findElement(By.id("speed"))).selectByValue("instant");
        screenshot(trainer, "drills");
        trainer.findElement(By.cssSelector("#start-drill button")).click();
        waitFor(trainer).until(ExpectedConditions.urlContains("/drills/drill-"));
        assertThat(trainer.findElement(By.id("answer-found")).getText()).isEqualTo("not yet");
        String report = trainer.getCurrentUrl();

        trainer.findElement(By.id("trainees-room")).click();
        waitFor(trainer).until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "The database is down"));
        assertThat(trainer.findElement(By.id("timeline")).getText()).as("the answer is held back")
                .doesNotContain("Deploy 4711 leaked connections");
        // The original team's dead end, not its answer: the drill stays held back until it is revealed.
        trainer.findElement(By.id("hypothesis-statement")).sendKeys("The database is overloaded");
        trainer.findElement(By.id("hypothesis-suspectedComponent")).sendKeys("database");
        trainer.findElement(By.cssSelector("#hypothesis button[type=submit]")).click();
        waitFor(trainer).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".hypothesis.OPEN")));

        trainer.get(report);
        trainer.findElement(By.cssSelector("#reveal button")).click();
        waitFor(trainer).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Revealed."));
        assertThat(trainer.findElement(By.id("answer-found")).getText()).isEqualTo("not yet");
        assertThat(trainer.findElement(By.id("trainees-title")).findElement(By.xpath("..")).getText())
                .contains("The database is overloaded", "matches h-db");
        assertThat(trainer.findElement(By.id("original-title")).findElement(By.xpath("..")).getText())
                .contains("Deploy 4711 exhausted the pool", "The database is down", "the trainees had it too");
        trainer.findElement(By.id("trainees-room")).click();
        waitFor(trainer).until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"),
                "Deploy 4711 leaked connections"));
        screenshot(trainer, "drill-report");
    }

    /** A resolved incident with a dead end, a confirmed hypothesis, a root cause and a corrective action. */
    private void recordResolvedIncident(String id) {
        String incidents = "/api/v1/incidents";
        Instant detected = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        client.post(incidents, "{\"incidentId\":\"" + id + "\",\"title\":\"Logins fail\",\"severity\":\"SEV2\","
                + "\"affectedServices\":[\"checkout\"],\"occurredAt\":\"" + detected + "\"}", Tokens.RESPONDER);
        String path = incidents + "/" + id;
        client.post(path + "/acknowledgements", "{\"occurredAt\":\"" + detected.plusSeconds(120) + "\"}", Tokens.RESPONDER);
        client.post(path + "/hypotheses", "{\"hypothesisId\":\"h-db\",\"statement\":\"The database is down\","
                + "\"suspectedComponent\":\"database\",\"occurredAt\":\"" + detected.plusSeconds(300) + "\"}", Tokens.RESPONDER);
        client.post(path + "/hypotheses/h-db/rule-out", "{\"evidence\":\"It answers\",\"occurredAt\":\""
                + detected.plusSeconds(900) + "\"}", Tokens.RESPONDER);
        client.post(path + "/hypotheses", "{\"hypothesisId\":\"h-deploy\",\"statement\":\"Deploy 4711 exhausted the pool\","
                + "\"suspectedComponent\":\"checkout-deploy\",\"occurredAt\":\"" + detected.plusSeconds(1200) + "\"}",
                Tokens.RESPONDER);
        client.post(path + "/hypotheses/h-deploy/confirm", "{\"evidence\":\"Errors stopped after the rollback\","
                + "\"occurredAt\":\"" + detected.plusSeconds(1800) + "\"}", Tokens.RESPONDER);
        client.post(path + "/root-cause", "{\"summary\":\"Deploy 4711 leaked connections\",\"category\":\"CODE_CHANGE\","
                + "\"hypothesisId\":\"h-deploy\",\"occurredAt\":\"" + detected.plusSeconds(2000) + "\"}", Tokens.RESPONDER);
        client.post(path + "/resolution", "{\"resolution\":\"Rolled back\",\"occurredAt\":\""
                + detected.plusSeconds(2400) + "\"}", Tokens.RESPONDER);
        client.post(path + "/corrective-actions", "{\"correctiveActionId\":\"ca-leak\",\"kind\":\"TASK\","
                + "\"description\":\"Add a connection-leak test\"}", Tokens.RESPONDER);
        await("/api/v1/incidents/" + id + "/timeline", json -> json.toString().contains("connection-leak"));
        await("/api/v1/incidents/" + id, json -> "RESOLVED".equals(json.path("status").asText()));
    }

    private ChromeDriver signedIn(String token) {
        ChromeDriver browser = Browsers.open();
        browsers.add(browser);
        browser.get(url("/login"));
        browser.findElement(By.name("token")).sendKeys(token);
        browser.findElement(By.cssSelector("main form button")).click();
        waitFor(browser).until(ExpectedConditions.urlContains("/incidents"));
        return browser;
    }

    private JsonNode timeline(String incidentId) {
        return await("/api/v1/incidents/" + incidentId + "/timeline", json -> true).get("entries");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static WebDriverWait waitFor(WebDriver browser) {
        return new WebDriverWait(browser, PATIENCE);
    }

    private static void screenshot(ChromeDriver browser, String name) {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("could not save the screenshot " + name, e);
        }
    }
}
