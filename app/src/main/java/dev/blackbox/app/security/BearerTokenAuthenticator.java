package dev.blackbox.app.security;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Checks a presented bearer token against the configured hashes, in memory. The principal of a
 * match is the token's name, with the single authority of its role.
 */
final class BearerTokenAuthenticator implements AuthenticationProvider {

    private final List<ApiTokenProperties.Token> tokens;
    private final byte[][] hashes;

    BearerTokenAuthenticator(List<ApiTokenProperties.Token> tokens) {
        this.tokens = List.copyOf(tokens);
        this.hashes = this.tokens.stream()
                .map(token -> HexFormat.of().parseHex(token.sha256()))
                .toArray(byte[][]::new);
    }

    @Override
    public Authentication authenticate(Authentication presented) {
        byte[] hash = Sha256.digest((String) presented.getCredentials());
        int match = -1;
        // Every hash is compared, each in constant time, so the time taken does not tell which token is near.
        for (int i = 0; i < hashes.length; i++) {
            if (MessageDigest.isEqual(hashes[i], hash)) {
                match = i;
            }
        }
        if (match < 0) {
            throw new BadCredentialsException("The bearer token is not valid.");
        }
        ApiTokenProperties.Token token = tokens.get(match);
        return UsernamePasswordAuthenticationToken.authenticated(token.name(), null, token.role().authorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }
}
