package dev.blackbox.app.security;

import java.nio.file.Path;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import dev.blackbox.plumbing.web.ProblemJson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * HTTP security of the whole application: bearer tokens from {@link ApiTokenProperties} (or the
 * generated {@link AdminTokenFile} when none are configured), roles viewer &lt; responder &lt; admin,
 * no sessions, and 401/403 as problem documents.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(ApiTokenProperties.class)
public class SecurityConfig {

    /** Picked up by the {@code hasRole} rules below and by method security, so a higher role passes a lower check. */
    @Bean
    public RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.RESPONDER.name())
                .role(Role.RESPONDER.name()).implies(Role.VIEWER.name())
                .build();
    }

    /**
     * As an {@code AuthenticationProvider} bean it also stops Spring Boot from adding its default user
     * with a generated password, which would be a second, unintended way in.
     */
    @Bean
    BearerTokenAuthenticator bearerTokenAuthenticator(ApiTokenProperties properties,
            @Value("${blackbox.data-dir:./data}") String dataDir) {
        List<ApiTokenProperties.Token> tokens = properties.tokens().isEmpty()
                ? List.of(new AdminTokenFile(Path.of(dataDir)).loadOrCreate())
                : properties.tokens();
        return new BearerTokenAuthenticator(tokens);
    }

    /**
     * With an observation registry present (Actuator), Spring Security would time each of its
     * filters, and every authentication and authorization, as an observation of its own: a dozen
     * per request, besides the one that times the request as a whole ({@code http.server.requests}),
     * which stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's firewall refuses paths that could mean two things to two parsers ({@code ..},
     * {@code //}, {@code ;}, an encoded {@code %} or {@code .}) before any other filter runs.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> ProblemJson.write(request, response, HttpStatus.BAD_REQUEST,
                "the path or a header holds something that is not allowed: '..', '//', ';', an encoded '%' or '.',"
                        + " or a control character");
    }

    /** The name Spring MVC gives its introspector, and by which Spring Security looks it up. */
    private static final String INTROSPECTOR = "mvcHandlerMappingIntrospector";

    /**
     * Whenever Spring MVC is present, Spring Security puts the introspector's cache filter before its
     * chain: the filter finds each request's handler ahead of the {@code DispatcherServlet}, so that
     * {@code MvcRequestMatcher} and handler-level CORS can ask for it without a lookup of their own.
     * Blackbox's rules are path patterns and it has no CORS, so nothing asks, and the
     * {@code DispatcherServlet} looks the handler up again anyway. Most API paths hold an incident id,
     * so neither lookup finds a direct match and each tries every mapping: a large share of a
     * command's CPU, spent twice. An introspector whose cache filter only passes the request on leaves
     * the {@code DispatcherServlet}'s lookup alone; anything that did ask would still get its answer,
     * looked up when asked.
     */
    @Bean
    static BeanDefinitionRegistryPostProcessor introspectorWithoutLookAhead() {
        return registry -> {
            if (registry.containsBeanDefinition(INTROSPECTOR)) {
                RootBeanDefinition introspector = new RootBeanDefinition(IntrospectorWithoutLookAhead.class);
                introspector.setLazyInit(true);
                registry.removeBeanDefinition(INTROSPECTOR);
                registry.registerBeanDefinition(INTROSPECTOR, introspector);
            }
        };
    }

    static final class IntrospectorWithoutLookAhead extends HandlerMappingIntrospector {
        @Override
        public Filter createCacheFilter() {
            return (request, response, chain) -> chain.doFilter(request, response);
        }
    }

    /**
     * PagerDuty signs its webhooks instead of sending a token: with a signing secret configured, its
     * receiver checks the signature itself and takes deliveries without a token.
     */
    private static boolean pagerDutySigns(Environment environment) {
        return Binder.get(environment)
                .bind("blackbox.integrations.pagerduty.signing-secrets", Bindable.listOf(String.class))
                .orElse(List.of()).stream().anyMatch(secret -> secret != null && !secret.isBlank());
    }

    @Bean
    public SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, BearerTokenAuthenticator authenticator,
            Environment environment) throws Exception {
        boolean pagerDutySigns = pagerDutySigns(environment);
        SecurityProblemResponses problems = new SecurityProblemResponses();
        RequestAttributeSecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        String admin = Role.ADMIN.name();
        http
                // A token API: no cookies, so nothing for CSRF to forge and no session to keep.
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(contexts))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .addFilterBefore(new BearerTokenFilter(authenticator, problems, contexts),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(rules -> {
                    // The error page renders what the original, already authorized, request caused.
                    rules.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    if (pagerDutySigns) {
                        rules.requestMatchers(path.matcher(HttpMethod.POST, "/api/v1/integrations/pagerduty"))
                                .permitAll();
                    }
                    rules
                        // Admin paths first: the method-wide viewer and responder rules below would match them too.
                        .requestMatchers(path.matcher("/api/v1/admin/**")).hasRole(admin)
                        .requestMatchers(path.matcher("/api/v1/subscriptions/**"),
                                path.matcher("/api/v1/subscriptions")).hasRole(admin)
                        .requestMatchers(
                                path.matcher(HttpMethod.POST, "/api/v1/incidents/import"),
                                path.matcher(HttpMethod.POST, "/api/v1/training/drills"),
                                path.matcher(HttpMethod.POST, "/api/v1/training/drills/*/reveal")).hasRole(admin)
                        .requestMatchers(
                                path.matcher(HttpMethod.GET, "/api/**"),
                                path.matcher(HttpMethod.HEAD, "/api/**")).hasRole(Role.VIEWER.name())
                        .requestMatchers(path.matcher("/api/**")).hasRole(Role.RESPONDER.name())
                        .requestMatchers(
                                path.matcher("/actuator/health/**"),
                                path.matcher("/v3/api-docs/**"),
                                path.matcher("/swagger-ui.html"),
                                path.matcher("/swagger-ui/**")).permitAll()
                        .requestMatchers(path.matcher("/actuator/**")).hasRole(admin)
                        .anyRequest().authenticated();
                });
        return http.build();
    }
}
