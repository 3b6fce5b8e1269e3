package dev.blackbox.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Signs in to the web interface with an API token typed into the login page's {@code token} field,
 * checked exactly as a bearer token is. What happens after (session, redirect) is the caller's setup.
 */
final class TokenLoginFilter extends AbstractAuthenticationProcessingFilter {

    static final String TOKEN_PARAMETER = "token";

    TokenLoginFilter(RequestMatcher login, AuthenticationProvider authenticator) {
        super(login, new ProviderManager(authenticator));
    }

    @Override
    public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
        String token = request.getParameter(TOKEN_PARAMETER);
        if (token == null || token.isBlank()) {
            throw new BadCredentialsException("No token given.");
        }
        return getAuthenticationManager().authenticate(new BearerToken(token.strip()));
    }
}
