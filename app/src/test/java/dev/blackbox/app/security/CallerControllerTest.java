package dev.blackbox.app.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(properties = {
        "blackbox.security.tokens[0].name=dashboard",
        "blackbox.security.tokens[0].role=viewer",
        "blackbox.security.tokens[0].secret=viewer-secret-0101",
        "blackbox.security.tokens[1].name=alert-bot",
        "blackbox.security.tokens[1].role=Responder",
        "blackbox.security.tokens[1].secret=responder-secret-0102"})
@ContextConfiguration(classes = {SecurityConfig.class, CallerController.class})
class CallerControllerTest {

    @Autowired
    MockMvc mvc;

    @ParameterizedTest(name = "{0} is {1} with role {2}")
    @CsvSource({
            "viewer-secret-0101,    dashboard, viewer",
            "responder-secret-0102, alert-bot, responder"})
    void aTokenLearnsItsNameAndRole(String token, String name, String role) throws Exception {
        mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.role").value(role));
    }

    @Test
    void withoutATokenNobodyIsNamed() throws Exception {
        mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized());
    }
}
