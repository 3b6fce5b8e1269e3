package dev.blackbox.app.security;

import java.io.IOException;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.blackbox.plumbing.web.ProblemJson;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers 401 and 403 as RFC 9457 problem documents with an RFC 6750 challenge. They are written
 * here rather than through {@code sendError}, whose forward to {@code /error} would be secured again
 * and turn every 401 into a 403. Details never repeat the presented token.
 */
final class SecurityProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final String ROLE_PREFIX = "ROLE_";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof BadCredentialsException) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            ProblemJson.write(request, response, HttpStatus.UNAUTHORIZED, failure.getMessage());
        } else {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            ProblemJson.write(request, response, HttpStatus.UNAUTHORIZED,
                    "This request needs a token: send it as 'Authorization: Bearer <token>'.");
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        ProblemJson.write(request, response, HttpStatus.FORBIDDEN, forbiddenDetail(denied));
    }

    private static String forbiddenDetail(AccessDeniedException denied) {
        if (denied instanceof AuthorizationDeniedException deniedByRule
                && deniedByRule.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision) {
            String needed = decision.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .map(authority -> authority.startsWith(ROLE_PREFIX)
                            ? authority.substring(ROLE_PREFIX.length()) : authority)
                    .map(role -> role.toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(" or "));
            return "This request needs the " + needed + " role; the token's role is lower.";
        }
        return "The token's role does not allow this request.";
    }
}
