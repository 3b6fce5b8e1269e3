package dev.blackbox.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AdminTokenFileTest {

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartWritesAnOwnerOnlyTokenAndLogsOnlyItsPath(CapturedOutput output) throws Exception {
        ApiTokenProperties.Token admin = new AdminTokenFile(dataDir).loadOrCreate();

        Path file = dataDir.resolve("admin-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String token = Files.readString(file).strip();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(admin.name()).isEqualTo("admin");
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(admin.sha256()).isEqualTo(HexFormat.of().formatHex(Sha256.digest(token)));
        assertThat(admin.toString()).doesNotContain(token);
        assertThat(output.getAll()).contains(file.toString()).contains("generated").doesNotContain(token);
    }

    @Test
    void laterStartsReuseTheToken(CapturedOutput output) throws Exception {
        ApiTokenProperties.Token first = new AdminTokenFile(dataDir).loadOrCreate();
        String token = Files.readString(dataDir.resolve("admin-token"));

        ApiTokenProperties.Token second = new AdminTokenFile(dataDir).loadOrCreate();

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(dataDir.resolve("admin-token"))).isEqualTo(token);
        assertThat(output.getAll()).contains("using the admin token in").doesNotContain(token.strip());
    }

    @Test
    void aMissingDataDirectoryIsCreated() {
        Path nested = dataDir.resolve("not/yet/there");

        new AdminTokenFile(nested).loadOrCreate();

        assertThat(nested.resolve("admin-token")).isNotEmptyFile();
    }

    @Test
    void aBlankFileLeftByAnInterruptedStartGetsAToken() throws Exception {
        Path file = Files.createFile(dataDir.resolve("admin-token"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));

        ApiTokenProperties.Token admin = new AdminTokenFile(dataDir).loadOrCreate();

        assertThat(admin.sha256()).isEqualTo(HexFormat.of().formatHex(Sha256.digest(Files.readString(file).strip())));
    }

    @Test
    void aTokenFileOthersCanReadIsReportedButStillUsed(CapturedOutput output) throws Exception {
        Path file = Files.writeString(dataDir.resolve("admin-token"), "hand-written-token\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        ApiTokenProperties.Token admin = new AdminTokenFile(dataDir).loadOrCreate();

        assertThat(admin.sha256()).isEqualTo(HexFormat.of().formatHex(Sha256.digest("hand-written-token")));
        assertThat(output.getAll()).contains("chmod 600").doesNotContain("hand-written-token");
    }
}
