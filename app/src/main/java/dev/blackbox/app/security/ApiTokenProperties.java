package dev.blackbox.app.security;

import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The API tokens, bound from {@code blackbox.security.tokens[i].name}, {@code .role} and {@code .secret}.
 * A misconfigured list stops the start-up with a message naming the offending token.
 */
@ConfigurationProperties("blackbox.security")
public record ApiTokenProperties(List<Token> tokens) {

    private static final String PROPERTY = "blackbox.security.tokens";
    private static final String HASH_PREFIX = "{sha256}";

    public ApiTokenProperties {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        Set<String> names = new HashSet<>();
        Map<String, String> nameByHash = new HashMap<>();
        for (Token token : tokens) {
            if (!names.add(token.name())) {
                throw new IllegalArgumentException(PROPERTY + ": the name '" + token.name() + "' is used twice");
            }
            String sameSecret = nameByHash.putIfAbsent(token.sha256(), token.name());
            if (sameSecret != null) {
                // Two names for one secret would make the token's identity, and so its role, ambiguous.
                throw new IllegalArgumentException(PROPERTY + ": tokens '" + sameSecret + "' and '" + token.name()
                        + "' have the same secret");
            }
        }
    }

    /**
     * One token. Only the SHA-256 of its secret is kept, as 64 lower-case hex digits: configuration
     * gives the secret in clear text or as {@code {sha256}<hex>}, and the binding constructor hashes
     * clear text before anything is stored.
     */
    public record Token(String name, Role role, String sha256) {

        public Token {
            requireName(name);
            if (role == null) {
                throw new IllegalArgumentException(PROPERTY + ": token '" + name + "' needs a role");
            }
            if (sha256 == null || sha256.length() != 64 || !sha256.chars().allMatch(HexFormat::isHexDigit)) {
                throw new IllegalArgumentException(PROPERTY + ": token '" + name + "' has a malformed "
                        + HASH_PREFIX + " secret; expected 64 hex digits after the prefix");
            }
            sha256 = sha256.toLowerCase(Locale.ROOT);
        }

        @ConstructorBinding
        public Token(String name, String role, String secret) {
            this(requireName(name), roleOf(name, role), hashOf(name, secret));
        }

        private static String requireName(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(PROPERTY + ": every token needs a name");
            }
            return name;
        }

        private static Role roleOf(String name, String role) {
            try {
                return Role.parse(role);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + ": token '" + name + "': " + e.getMessage());
            }
        }

        private static String hashOf(String name, String secret) {
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException(PROPERTY + ": token '" + name + "' needs a secret");
            }
            if (secret.startsWith(HASH_PREFIX)) {
                return secret.substring(HASH_PREFIX.length());
            }
            if (secret.startsWith("{") && secret.indexOf('}') > 1) {
                // Spring's {bcrypt}/{noop} syntax would otherwise silently become a clear-text secret.
                throw new IllegalArgumentException(PROPERTY + ": token '" + name + "' uses an unsupported hash "
                        + secret.substring(0, secret.indexOf('}') + 1) + "; give the secret in clear text or as "
                        + HASH_PREFIX + "<64 hex digits>");
            }
            return HexFormat.of().formatHex(Sha256.digest(secret));
        }

        /** Leaves out the hash: an unsalted SHA-256 of a weak secret can be brute-forced from a log line. */
        @Override
        public String toString() {
            return "Token[name=" + name + ", role=" + role + "]";
        }
    }
}
