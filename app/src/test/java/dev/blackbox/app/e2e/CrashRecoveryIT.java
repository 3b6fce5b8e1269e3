package dev.blackbox.app.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** {@link KillDashNineUnderLoad} on the default profile: the embedded event store, an H2 file in the data directory. */
class CrashRecoveryIT extends KillDashNineUnderLoad {

    @Override
    String[] storeSettings() {
        return new String[0];
    }

    @Override
    Connection openStore(Path dataDir) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("blackbox"), "blackbox", "");
    }
}
