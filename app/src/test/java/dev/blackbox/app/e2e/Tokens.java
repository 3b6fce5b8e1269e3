package dev.blackbox.app.e2e;

/** The bearer tokens the end-to-end tests configure, one per role. */
final class Tokens {

    static final String VIEWER = "viewer-secret-for-tests";
    static final String RESPONDER = "responder-secret-for-tests";
    static final String ADMIN = "admin-secret-for-tests";

    /**
     * Spring properties that configure the three tokens above, and no sample library: the tests
     * record the scenarios themselves.
     */
    static final String[] PROPERTIES = {
            "blackbox.training.library=",
            "blackbox.security.tokens[0].name=dashboard",
            "blackbox.security.tokens[0].role=viewer",
            "blackbox.security.tokens[0].secret=" + VIEWER,
            "blackbox.security.tokens[1].name=alert-bot",
            "blackbox.security.tokens[1].role=responder",
            "blackbox.security.tokens[1].secret=" + RESPONDER,
            "blackbox.security.tokens[2].name=operator",
            "blackbox.security.tokens[2].role=admin",
            "blackbox.security.tokens[2].secret=" + ADMIN,
    };

    private Tokens() {
    }
}
