package dev.blackbox.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An outage written as the commands a team sent, with what Blackbox must make of it. The files
 * live in the repository's {@code scenarios} folder, which the build puts on the test classpath.
 */
record Scenario(String name, String incidentId, List<Step> steps, JsonNode expect) {

    /** One command as the scenario file writes it: the command's name and its request body. */
    record Step(String command, ObjectNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Scenario> all() {
        URL directory = Scenario.class.getResource("/scenarios");
        if (directory == null) {
            throw new IllegalStateException("no scenarios on the test classpath; the build copies them from ../scenarios");
        }
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(Scenario::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The scenario that records the incident {@code incidentId}. */
    static Scenario of(String incidentId) {
        return all().stream().filter(scenario -> scenario.incidentId().equals(incidentId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario records incident " + incidentId));
    }

    private static Scenario read(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<Step> steps = new ArrayList<>();
            root.get("steps").forEach(step ->
                    steps.add(new Step(step.get("command").asText(), (ObjectNode) step.get("body"))));
            return new Scenario(root.get("name").asText(), root.get("incidentId").asText(), steps, root.get("expect"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
