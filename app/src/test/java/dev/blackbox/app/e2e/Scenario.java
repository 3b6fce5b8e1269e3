package dev.blackbox.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An outage written as the commands a team sent, with what Blackbox must make of it. Read from
 * the shared scenarios beside the repository and from this module's test resources.
 */
record Scenario(String name, String incidentId, List<Step> steps, JsonNode expect) {

    /** One command as the scenario file writes it: the command's name and its request body. */
    record Step(String command, ObjectNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The shared scenarios live in ../shared beside the clone; CI checks out that layout too. */
    static final Path SHARED = Path.of(System.getProperty("blackbox.shared-scenarios", "../../shared/scenarios"));
    static final Path OWN = Path.of("src/test/resources/scenarios");

    static List<Scenario> all() {
        List<Scenario> scenarios = new ArrayList<>(load(SHARED));
        if (Files.isDirectory(OWN)) {
            scenarios.addAll(load(OWN));
        }
        return scenarios;
    }

    static List<Scenario> load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("no scenario directory at " + directory.toAbsolutePath()
                    + "; the shared scenarios are expected in ../shared/scenarios beside the repository");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(Scenario::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
