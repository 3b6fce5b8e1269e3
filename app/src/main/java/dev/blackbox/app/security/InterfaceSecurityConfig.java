package dev.blackbox.app.security;

import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.core.annotation.Order;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Security of the web interface, a chain of its own in front of the API's: an API token typed into
 * the login page starts a server-side session (its cookie HttpOnly and SameSite=Strict, see
 * {@code server.servlet.session} in application.yml), every form and htmx request carries a CSRF
 * token, and the roles are the API's. The API's chain stays stateless and bearer-only. Not a
 * {@code @Configuration}: imported only by a process that serves the interface.
 */
public class InterfaceSecurityConfig {

    private static final String LOGIN = "/login";

    /** The interface's paths; everything else (the API, Actuator, OpenAPI) is the API chain's. */
    static RequestMatcher interfacePaths(PathPatternRequestMatcher.Builder path) {
        return new OrRequestMatcher(List.of("/", LOGIN, "/logout", "/incidents", "/incidents/**", "/metrics",
                "/drills", "/drills/**", "/webjars/**", "/ui/**").stream()
                .map(pattern -> (RequestMatcher) path.matcher(pattern)).toList());
    }

    @Bean
    @Order(1)
    SecurityFilterChain interfaceSecurityFilterChain(HttpSecurity http, BearerTokenAuthenticator authenticator)
            throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
        TokenLoginFilter login = new TokenLoginFilter(path.matcher(HttpMethod.POST, LOGIN), authenticator);
        login.setSecurityContextRepository(contexts);
        // A new session id at sign-in (no fixation) and a new CSRF token with it.
        login.setSessionAuthenticationStrategy(new CompositeSessionAuthenticationStrategy(List.of(
                new ChangeSessionIdAuthenticationStrategy(), new CsrfAuthenticationStrategy(csrfTokens))));
        SavedRequestAwareAuthenticationSuccessHandler signedIn = new SavedRequestAwareAuthenticationSuccessHandler();
        signedIn.setDefaultTargetUrl("/incidents");
        login.setAuthenticationSuccessHandler(signedIn);
        login.setAuthenticationFailureHandler(new SimpleUrlAuthenticationFailureHandler(LOGIN + "?error"));
        String admin = Role.ADMIN.name();
        http
                .securityMatcher(interfacePaths(path))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .securityContext(context -> context.securityContextRepository(contexts))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .addFilterBefore(login, UsernamePasswordAuthenticationFilter.class)
                .logout(logout -> logout
                        .logoutRequestMatcher(path.matcher(HttpMethod.POST, "/logout"))
                        .logoutSuccessUrl(LOGIN + "?signedOut")
                        .invalidateHttpSession(true)
                        .deleteCookies("JSESSIONID"))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN)))
                .headers(headers -> headers
                        // Scripts and styles come from Blackbox itself only; nothing inline can run.
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                                        + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .authorizeHttpRequests(rules -> rules
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(path.matcher(LOGIN), path.matcher("/webjars/**"), path.matcher("/ui/**"))
                        .permitAll()
                        .requestMatchers(path.matcher(HttpMethod.POST, "/drills"),
                                path.matcher(HttpMethod.POST, "/drills/**")).hasRole(admin)
                        .requestMatchers(path.matcher(HttpMethod.GET, "/**")).hasRole(Role.VIEWER.name())
                        .anyRequest().hasRole(Role.RESPONDER.name()));
        return http.build();
    }
}
