package dev.blackbox.app.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A token as presented by a client, not yet checked. */
final class BearerToken extends AbstractAuthenticationToken {

    private final String token;

    BearerToken(String token) {
        super(List.of());
        this.token = token;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }
}
