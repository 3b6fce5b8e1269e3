package dev.blackbox.app.e2e;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link KillDashNineUnderLoad} on the default profile: the embedded event store, an H2 file in the data directory. */
class CrashRecoveryIT extends KillDashNineUnderLoad {

    @Override
    String[] storeSettings() {
        return new String[0];
    }

    @Override
    Map<String, List<String>> storedNotes(Path dataDir, Set<String> incidents) throws Exception {
        return storedNotes(DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("blackbox"), "blackbox", ""));
    }
}
