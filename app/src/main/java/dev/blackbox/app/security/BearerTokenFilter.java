package dev.blackbox.app.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>}. A request without a bearer token passes on
 * unauthenticated, so open endpoints stay open and the authorization rules answer 401 where a token
 * is needed; a bearer token that is empty or unknown is answered 401 at once.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String SCHEME = "Bearer ";

    private final AuthenticationProvider authenticator;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextRepository contexts;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenFilter(AuthenticationProvider authenticator, AuthenticationEntryPoint entryPoint,
            SecurityContextRepository contexts) {
        this.authenticator = authenticator;
        this.entryPoint = entryPoint;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            chain.doFilter(request, response);
            return;
        }
        try {
            String token = header.substring(SCHEME.length()).strip();
            if (token.isEmpty()) {
                throw new BadCredentialsException("The Authorization header names the Bearer scheme but no token.");
            }
            SecurityContext context = holder.createEmptyContext();
            context.setAuthentication(authenticator.authenticate(new BearerToken(token)));
            holder.setContext(context);
            // Saved explicitly, as Spring Security 6 expects of authentication filters, so the async
            // dispatch of a streamed answer (SSE, Callable), which skips this filter, is authenticated too.
            contexts.saveContext(context, request, response);
        } catch (AuthenticationException e) {
            holder.clearContext();
            entryPoint.commence(request, response, e);
            return;
        }
        chain.doFilter(request, response);
    }
}
