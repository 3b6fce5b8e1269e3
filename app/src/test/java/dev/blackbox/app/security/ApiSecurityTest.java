package dev.blackbox.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.security.Principal;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.info.InfoEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.servlet.ServletManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

@WebMvcTest(properties = {
        "blackbox.security.tokens[0].name=watcher",
        "blackbox.security.tokens[0].role=viewer",
        "blackbox.security.tokens[0].secret=" + ApiSecurityTest.VIEWER,
        "blackbox.security.tokens[1].name=bot",
        "blackbox.security.tokens[1].role=Responder",
        "blackbox.security.tokens[1].secret=" + ApiSecurityTest.RESPONDER,
        "blackbox.security.tokens[2].name=root",
        "blackbox.security.tokens[2].role=ADMIN",
        "blackbox.security.tokens[2].secret=" + ApiSecurityTest.ADMIN,
        "blackbox.security.tokens[3].name=hashed-bot",
        "blackbox.security.tokens[3].role=responder",
        "blackbox.security.tokens[3].secret={sha256}" + ApiSecurityTest.HASHED_SHA256,
        "management.endpoints.web.exposure.include=health,info",
        // The slice has none of the health contributors the application's readiness group names.
        "management.endpoint.health.validate-group-membership=false"})
@ContextConfiguration(classes = {SecurityConfig.class, ApiSecurityTest.ProbeController.class,
        ApiSecurityTest.LookupCounter.class})
@ImportAutoConfiguration({
        EndpointAutoConfiguration.class,
        WebEndpointAutoConfiguration.class,
        HealthEndpointAutoConfiguration.class,
        InfoEndpointAutoConfiguration.class,
        ManagementContextAutoConfiguration.class,
        ServletManagementContextAutoConfiguration.class})
class ApiSecurityTest {

    static final String VIEWER = "viewer-secret-0001";
    static final String RESPONDER = "responder-secret-0002";
    static final String ADMIN = "admin-secret-0003";
    static final String HASHED = "hashed-secret";
    /** SHA-256 of {@link #HASHED}, as {@code printf %s hashed-secret | sha256sum} prints it. */
    static final String HASHED_SHA256 = "4e598f5daafc2fda61641ddbb5956deb23fde6616366dc9dd5a7c9f47da4d787";

    @Autowired
    MockMvc mvc;

    @Autowired
    LookupCounter lookups;

    @ParameterizedTest(name = "{1} {2} with {0} -> {3}")
    @CsvSource({
            VIEWER + ",     GET,  /api/v1/incidents,                          200",
            VIEWER + ",     HEAD, /api/v1/incidents,                          200",
            VIEWER + ",     POST, /api/v1/incidents,                          403",
            VIEWER + ",     PUT,  /api/v1/incidents/i1/conclusion,            403",
            VIEWER + ",     GET,  /api/v1/admin/projections,                  403",
            VIEWER + ",     GET,  /actuator/info,                             403",
            VIEWER + ",     GET,  /elsewhere,                                 200",
            RESPONDER + ",  GET,  /api/v1/incidents,                          200",
            RESPONDER + ",  POST, /api/v1/incidents,                          200",
            RESPONDER + ",  PUT,  /api/v1/incidents/i1/conclusion,            200",
            RESPONDER + ",  POST, /api/v1/training/drills/d1/hypotheses,      200",
            RESPONDER + ",  GET,  /api/v1/training/drills/d1,                 200",
            RESPONDER + ",  POST, /api/v1/incidents/import,                   403",
            RESPONDER + ",  GET,  /api/v1/admin/projections,                  403",
            RESPONDER + ",  POST, /api/v1/admin/projections/timeline/replay,  403",
            RESPONDER + ",  POST, /api/v1/training/drills,                    403",
            RESPONDER + ",  POST, /api/v1/training/drills/d1/reveal,          403",
            ADMIN + ",      GET,  /api/v1/incidents,                          200",
            ADMIN + ",      POST, /api/v1/incidents,                          200",
            ADMIN + ",      POST, /api/v1/incidents/import,                   200",
            ADMIN + ",      GET,  /api/v1/admin/projections,                  200",
            ADMIN + ",      POST, /api/v1/admin/projections/timeline/replay,  200",
            ADMIN + ",      POST, /api/v1/training/drills,                    200",
            ADMIN + ",      POST, /api/v1/training/drills/d1/reveal,          200",
            ADMIN + ",      GET,  /actuator/info,                             200",
            HASHED + ",     POST, /api/v1/incidents,                          200",
            HASHED + ",     POST, /api/v1/incidents/import,                   403"})
    void rolesDecideWhatATokenMayDo(String token, String method, String path, int expected) throws Exception {
        mvc.perform(request(HttpMethod.valueOf(method), path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().is(expected));
    }

    @Test
    void aRequestWithoutTokenIsAnswered401WithAProblemAndABearerChallenge() throws Exception {
        expectUnauthorized(mvc.perform(get("/api/v1/incidents")))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
                .andExpect(jsonPath("$.detail").value(containsString("Authorization: Bearer")));
    }

    @Test
    void anUnknownTokenIsAnswered401WithoutEchoingIt() throws Exception {
        String guess = "guessed-token-4711";
        expectUnauthorized(mvc.perform(get("/api/v1/incidents").header(HttpHeaders.AUTHORIZATION, "Bearer " + guess)))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""))
                .andExpect(content().string(not(containsString(guess))));
    }

    @Test
    void anotherSchemeCountsAsNoToken() throws Exception {
        expectUnauthorized(mvc.perform(get("/api/v1/incidents").header(HttpHeaders.AUTHORIZATION, "Basic " + VIEWER)))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
    }

    @Test
    void aBearerHeaderWithoutTokenIsAnswered401() throws Exception {
        expectUnauthorized(mvc.perform(post("/api/v1/incidents").header(HttpHeaders.AUTHORIZATION, "Bearer  ")))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""));
    }

    @Test
    void pathsOutsideTheApiAndActuatorStillNeedAToken() throws Exception {
        expectUnauthorized(mvc.perform(get("/elsewhere")));
        expectUnauthorized(mvc.perform(get("/actuator/info")));
    }

    @Test
    void aRoleTooLowIsAnswered403WithAProblemNamingTheNeededRole() throws Exception {
        mvc.perform(post("/api/v1/incidents").header(HttpHeaders.AUTHORIZATION, "Bearer " + VIEWER))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\""))
                .andExpect(jsonPath("$.type").value("about:blank"))
                .andExpect(jsonPath("$.title").value("Forbidden"))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.detail").value(containsString("responder")))
                .andExpect(jsonPath("$.instance").value("/api/v1/incidents"))
                .andExpect(content().string(not(containsString(VIEWER))));
    }

    @Test
    void thePrincipalIsTheTokenName() throws Exception {
        mvc.perform(post("/api/v1/incidents").header(HttpHeaders.AUTHORIZATION, "Bearer " + RESPONDER))
                .andExpect(content().string("bot"));
        mvc.perform(get("/api/v1/incidents").header(HttpHeaders.AUTHORIZATION, "Bearer " + HASHED))
                .andExpect(content().string("hashed-bot"));
    }

    @Test
    void theSchemeNameIsCaseInsensitive() throws Exception {
        mvc.perform(get("/api/v1/incidents").header(HttpHeaders.AUTHORIZATION, "bearer " + VIEWER))
                .andExpect(status().isOk());
    }

    @Test
    void healthAndApiDocsAreOpenEvenWithAStrayAuthorizationHeader() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health").header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz"))
                .andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
    }

    @Test
    void noSessionIsCreated() throws Exception {
        MvcResult result = mvc
                .perform(post("/api/v1/incidents").header(HttpHeaders.AUTHORIZATION, "Bearer " + RESPONDER))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE))
                .andReturn();
        assertThat(result.getRequest().getSession(false)).isNull();
    }

    @Test
    void aRequestIsMatchedToItsHandlerOnce() throws Exception {
        int before = lookups.count.get();
        mvc.perform(post("/api/v1/training/drills/d-1/hypotheses").header(HttpHeaders.AUTHORIZATION, "Bearer " + RESPONDER))
                .andExpect(status().isOk());
        assertThat(lookups.count.get() - before).isEqualTo(1);
    }

    private ResultActions expectUnauthorized(ResultActions actions) throws Exception {
        return actions
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("about:blank"))
                .andExpect(jsonPath("$.title").value("Unauthorized"))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").isNotEmpty())
                .andExpect(jsonPath("$.instance").isNotEmpty())
                .andExpect(content().string(not(containsString("Exception"))));
    }

    /** Asked first for every handler lookup, it counts them and leaves the answer to the real mappings. */
    static class LookupCounter implements HandlerMapping, Ordered {

        final AtomicInteger count = new AtomicInteger();

        @Override
        public HandlerExecutionChain getHandler(HttpServletRequest request) {
            count.incrementAndGet();
            return null;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** Stands in for the real controllers, answering with the caller's name. */
    @RestController
    static class ProbeController {

        @GetMapping({"/api/v1/incidents", "/api/v1/admin/projections", "/api/v1/training/drills/{id}", "/elsewhere"})
        String read(Principal caller) {
            return caller.getName();
        }

        @PostMapping({"/api/v1/incidents", "/api/v1/incidents/import", "/api/v1/admin/projections/{name}/replay",
                "/api/v1/training/drills", "/api/v1/training/drills/{id}/reveal",
                "/api/v1/training/drills/{id}/hypotheses"})
        String write(Principal caller) {
            return caller.getName();
        }

        @PutMapping("/api/v1/incidents/{id}/conclusion")
        String conclude(Principal caller) {
            return caller.getName();
        }

        @GetMapping("/v3/api-docs")
        String apiDocs() {
            return "{}";
        }
    }
}
