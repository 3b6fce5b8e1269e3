package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.app.BlackboxApplication;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Exported incidents in a library folder are there to drill as soon as Blackbox starts. */
class TrainingLibraryEndToEndTest {

    private static final String SAMPLE = "lb-misconfig-2024-01-24";

    @TempDir
    Path dataDir;

    @Test
    void theBundledSamplesAreImportedOnceAndReExportUnchanged() throws IOException {
        String bundled = bundled(SAMPLE);

        try (ConfigurableApplicationContext first = start("classpath:training-library")) {
            assertThat(export(first, SAMPLE)).isEqualTo(bundled);
            assertThat(export(first, "conn-leak-2023-10-14").lines()).hasSize(15);
        }
        try (ConfigurableApplicationContext second = start("classpath:training-library")) {
            assertThat(export(second, SAMPLE)).isEqualTo(bundled);
        }
    }

    @Test
    void aBrokenFileInALibraryFolderIsSkippedAndTheOthersImported(@TempDir Path library) throws IOException {
        Files.writeString(library.resolve("a-broken.ndjson"), "{\"type\":\"Paged\"}\n");
        Files.writeString(library.resolve(SAMPLE + ".ndjson"), bundled(SAMPLE));
        Files.writeString(library.resolve("notes.txt"), "not an export");

        try (ConfigurableApplicationContext context = start(library.toString())) {
            assertThat(export(context, SAMPLE)).isEqualTo(bundled(SAMPLE));
            assertThat(new BlackboxClient(port(context)).get("/api/v1/incidents/conn-leak-2023-10-14/events",
                    Tokens.VIEWER).status()).isEqualTo(404);
        }
    }

    private ConfigurableApplicationContext start(String library) {
        List<String> arguments = new ArrayList<>(List.of("--blackbox.data-dir=" + dataDir, "--server.port=0"));
        for (String property : Tokens.PROPERTIES) {
            if (!property.startsWith("blackbox.training.library=")) {
                arguments.add("--" + property);
            }
        }
        arguments.add("--blackbox.training.library=" + library);
        return new SpringApplicationBuilder(BlackboxApplication.class).run(arguments.toArray(String[]::new));
    }

    private static String export(ConfigurableApplicationContext context, String incidentId) {
        BlackboxClient.Answer answer = new BlackboxClient(port(context))
                .get("/api/v1/incidents/" + incidentId + "/events", Tokens.VIEWER);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static String bundled(String incidentId) throws IOException {
        try (InputStream in = TrainingLibraryEndToEndTest.class.getResourceAsStream(
                "/training-library/" + incidentId + ".ndjson")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
