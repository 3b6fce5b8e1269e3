package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** Exported incidents in a library folder are there to drill as soon as Blackbox starts. */
class TrainingLibraryEndToEndTest {

    private static final String SAMPLE = "lb-misconfig-2024-01-24";

    @TempDir
    Path dataDir;

    @Test
    void theBundledSamplesAreImportedOnceAndReExportUnchanged() throws IOException {
        String bundled = bundled(SAMPLE);

        try (ConfigurableApplicationContext first = Installations.start(dataDir, "blackbox.training.library=classpath:training-library")) {
            assertThat(export(first, SAMPLE)).isEqualTo(bundled);
            assertThat(export(first, "conn-leak-2023-10-14").lines()).hasSize(15);
        }
        try (ConfigurableApplicationContext second = Installations.start(dataDir, "blackbox.training.library=classpath:training-library")) {
            assertThat(export(second, SAMPLE)).isEqualTo(bundled);
        }
    }

    @Test
    void aBrokenFileInALibraryFolderIsSkippedAndTheOthersImported(@TempDir Path library) throws IOException {
        Files.writeString(library.resolve("a-broken.ndjson"), "{\"type\":\"Paged\"}\n");
        Files.writeString(library.resolve(SAMPLE + ".ndjson"), bundled(SAMPLE));
        Files.writeString(library.resolve("notes.txt"), "not an export");

        try (ConfigurableApplicationContext context = Installations.start(dataDir, "blackbox.training.library=" + library)) {
            assertThat(export(context, SAMPLE)).isEqualTo(bundled(SAMPLE));
            assertThat(Installations.client(context).get("/api/v1/incidents/conn-leak-2023-10-14/events",
                    Tokens.VIEWER).status()).isEqualTo(404);
        }
    }


    private static String export(ConfigurableApplicationContext context, String incidentId) {
        BlackboxClient.Answer answer = Installations.client(context)
                .get("/api/v1/incidents/" + incidentId + "/events", Tokens.VIEWER);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }


    private static String bundled(String incidentId) throws IOException {
        try (InputStream in = TrainingLibraryEndToEndTest.class.getResourceAsStream(
                "/training-library/" + incidentId + ".ndjson")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
