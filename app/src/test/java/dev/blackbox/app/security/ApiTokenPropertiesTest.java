package dev.blackbox.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ApiTokenPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Binding.class);

    @Test
    void aClearTextSecretIsKeptOnlyAsItsHash() {
        context.withPropertyValues(
                        "blackbox.security.tokens[0].name=bot",
                        "blackbox.security.tokens[0].role=Responder",
                        "blackbox.security.tokens[0].secret=s3cret-value")
                .run(started -> {
                    ApiTokenProperties.Token token = started.getBean(ApiTokenProperties.class).tokens().get(0);
                    assertThat(token.name()).isEqualTo("bot");
                    assertThat(token.role()).isEqualTo(Role.RESPONDER);
                    assertThat(token.sha256()).isEqualTo(HexFormat.of().formatHex(Sha256.digest("s3cret-value")));
                    assertThat(token.toString()).doesNotContain("s3cret-value").doesNotContain(token.sha256());
                });
    }

    @Test
    void aHashedSecretIsTakenAsItIs() {
        context.withPropertyValues(
                        "blackbox.security.tokens[0].name=bot",
                        "blackbox.security.tokens[0].role=viewer",
                        "blackbox.security.tokens[0].secret={sha256}" + ApiSecurityTest.HASHED_SHA256.toUpperCase())
                .run(started -> assertThat(started.getBean(ApiTokenProperties.class).tokens().get(0).sha256())
                        .isEqualTo(ApiSecurityTest.HASHED_SHA256));
    }

    @Test
    void noTokensBindToAnEmptyList() {
        context.run(started -> assertThat(started.getBean(ApiTokenProperties.class).tokens()).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "blank name | ' ' | viewer | s1 | every token needs a name",
            "blank secret | bot | viewer | ' ' | token 'bot' needs a secret",
            "unknown role | bot | root | s1 | token 'bot': unknown role 'root', use one of viewer, responder, admin",
            "missing role | bot | ' ' | s1 | token 'bot': no role given",
            "short hash | bot | viewer | {sha256}abc | token 'bot' has a malformed {sha256} secret",
            "other hash scheme | bot | viewer | {bcrypt}x | token 'bot' uses an unsupported hash {bcrypt}"})
    void aMisconfiguredTokenStopsTheStart(String problem, String name, String role, String secret, String message) {
        context.withPropertyValues(
                        "blackbox.security.tokens[0].name=" + name,
                        "blackbox.security.tokens[0].role=" + role,
                        "blackbox.security.tokens[0].secret=" + secret)
                .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining(message));
    }

    @Test
    void twoTokensWithOneNameStopTheStart() {
        context.withPropertyValues(
                        "blackbox.security.tokens[0].name=bot",
                        "blackbox.security.tokens[0].role=viewer",
                        "blackbox.security.tokens[0].secret=s1",
                        "blackbox.security.tokens[1].name=bot",
                        "blackbox.security.tokens[1].role=admin",
                        "blackbox.security.tokens[1].secret=s2")
                .run(started -> assertThat(started).getFailure().rootCause()
                        .hasMessageContaining("the name 'bot' is used twice"));
    }

    @Test
    void twoTokensWithOneSecretStopTheStart() {
        context.withPropertyValues(
                        "blackbox.security.tokens[0].name=watcher",
                        "blackbox.security.tokens[0].role=viewer",
                        "blackbox.security.tokens[0].secret=" + ApiSecurityTest.HASHED,
                        "blackbox.security.tokens[1].name=bot",
                        "blackbox.security.tokens[1].role=admin",
                        "blackbox.security.tokens[1].secret={sha256}" + ApiSecurityTest.HASHED_SHA256)
                .run(started -> assertThat(started).getFailure().rootCause()
                        .hasMessageContaining("tokens 'watcher' and 'bot' have the same secret"));
    }

    @EnableConfigurationProperties(ApiTokenProperties.class)
    static class Binding {
    }
}
