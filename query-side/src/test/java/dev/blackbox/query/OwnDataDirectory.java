package dev.blackbox.query;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring test whose application keeps its embedded database, search index and generated secrets in
 * a fresh folder. The application is closed after the class: Spring would otherwise hand it to the next
 * class of the same configuration still pointed at this class's folder, deleted by then, where its
 * search index can no longer write and warns every second until the tests end.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class OwnDataDirectory {

    @TempDir
    protected static Path dataDir;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("blackbox.data-dir", dataDir::toString);
    }
}
