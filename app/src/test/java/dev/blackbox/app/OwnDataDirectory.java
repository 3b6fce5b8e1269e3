package dev.blackbox.app;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring test whose application keeps its embedded database and generated secrets in a fresh folder.
 * Spring reuses one application for test classes of the same configuration, and this folder is the
 * first class's, deleted after it: a subclass needs settings of its own.
 */
public abstract class OwnDataDirectory {

    @TempDir
    protected static Path dataDir;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("blackbox.data-dir", dataDir::toString);
    }
}
