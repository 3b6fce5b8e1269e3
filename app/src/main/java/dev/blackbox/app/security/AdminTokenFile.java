package dev.blackbox.app.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin token of an installation that configures none, kept in {@code <data-dir>/admin-token} so
 * a fresh install is usable at once and restarts keep the same token. The token itself is never logged.
 */
final class AdminTokenFile {

    private static final String FILE_NAME = "admin-token";
    private static final String TOKEN_NAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminTokenFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int TOKEN_BYTES = 32;
    private static final String HINT = "Send its content as 'Authorization: Bearer <token>'; configure "
            + "blackbox.security.tokens[i].name/.role/.secret to use your own tokens instead.";

    private final Path file;

    AdminTokenFile(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
    }

    /** Reads the token from the file, or generates and writes one first; returns only its hash. */
    ApiTokenProperties.Token loadOrCreate() {
        try {
            Files.createDirectories(file.getParent());
            String token = Files.exists(file) ? Files.readString(file).strip() : "";
            if (token.isEmpty()) {
                // An existing blank file means an earlier start died between creating and writing it.
                if (!Files.exists(file)) {
                    create();
                }
                token = generate();
                Files.writeString(file, token + "\n");
                log.info("No blackbox.security.tokens configured: generated an admin token into {}. {}", file, HINT);
            } else {
                warnIfShared();
                log.info("No blackbox.security.tokens configured: using the admin token in {}. {}", file, HINT);
            }
            return new ApiTokenProperties.Token(TOKEN_NAME, Role.ADMIN.name(), token);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the admin token file " + file, e);
        }
    }

    private void create() throws IOException {
        if (isPosix()) {
            // Created with its permissions in one step, so the token is never readable by others.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
    }

    private void warnIfShared() throws IOException {
        if (isPosix() && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            log.warn("{} is readable or writable by other users than its owner; restrict it with chmod 600", file);
        }
    }

    private boolean isPosix() {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String generate() {
        byte[] bytes = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
