package dev.blackbox.command.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fingerprint of the latest request in each retry scope of an incident, and of each
 * {@code Idempotency-Key} (see {@link Incident}); the incident keeps its notes in another, each note
 * id a scope.
 * <p>
 * A snapshot holds them as one flat JSON array, {@code [scope, fingerprint, scope, fingerprint, …]},
 * not as an object keyed by scope. Jackson interns every object key it has not seen before
 * ({@code String.intern()}), and most scopes are one per note or per idempotency key, so they are
 * new each time: loading the snapshot of a 25,000-note incident spent its time interning them, and
 * without the incident cache (the {@code postgres} profile) every command on it did so again. As
 * array elements they are plain strings.
 */
final class ScopeFingerprints {

    private final Map<String, String> byScope;

    ScopeFingerprints() {
        this(new HashMap<>());
    }

    private ScopeFingerprints(Map<String, String> byScope) {
        this.byScope = byScope;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ScopeFingerprints fromPairs(List<String> pairs) {
        if (pairs.size() % 2 != 0) {
            throw new IllegalArgumentException("fingerprints come in scope-fingerprint pairs, got "
                    + pairs.size() + " strings");
        }
        Map<String, String> byScope = new HashMap<>(pairs.size());
        for (int i = 0; i < pairs.size(); i += 2) {
            byScope.put(pairs.get(i), pairs.get(i + 1));
        }
        return new ScopeFingerprints(byScope);
    }

    @JsonValue
    List<String> pairs() {
        List<String> pairs = new ArrayList<>(byScope.size() * 2);
        byScope.forEach((scope, fingerprint) -> {
            pairs.add(scope);
            pairs.add(fingerprint);
        });
        return pairs;
    }

    boolean contains(String scope) {
        return byScope.containsKey(scope);
    }

    /** The fingerprint remembered for {@code scope}, or null. */
    String get(String scope) {
        return byScope.get(scope);
    }

    void put(String scope, String fingerprint) {
        byScope.put(scope, fingerprint);
    }

    void remove(String scope) {
        byScope.remove(scope);
    }
}
