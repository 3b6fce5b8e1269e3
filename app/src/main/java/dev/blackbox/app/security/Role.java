package dev.blackbox.app.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a token may do. Each role includes the ones declared before it (see
 * {@link SecurityConfig#roleHierarchy()}), so an admin can do everything a responder can.
 */
public enum Role {
    VIEWER,
    RESPONDER,
    ADMIN;

    private final List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("ROLE_" + name()));

    /** The single {@code ROLE_<NAME>} authority of a token with this role, shared so requests allocate none. */
    public List<GrantedAuthority> authorities() {
        return authorities;
    }

    /** Reads a role as written in configuration, in any letter case. */
    public static Role parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no role given, use one of " + choices());
        }
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(text.strip())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "', use one of " + choices());
    }

    private static String choices() {
        return Arrays.stream(values())
                .map(role -> role.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
