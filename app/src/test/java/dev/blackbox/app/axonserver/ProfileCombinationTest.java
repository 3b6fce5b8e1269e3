package dev.blackbox.app.axonserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Read models in PostgreSQL with events in Axon Server ({@code axonserver,postgres}) take the
 * axonserver profile's command settings in either order of the profiles: the postgres profile's
 * group commit and store-checked cache are for events stored in PostgreSQL. Only the settings are
 * loaded here, from the application's own files, not the application.
 */
class ProfileCombinationTest {

    @Configuration(proxyBeanMethods = false)
    static class NothingButSettings {
    }

    @ParameterizedTest
    @ValueSource(strings = {"axonserver,postgres", "postgres,axonserver"})
    void axonServersCommandSettingsHoldInEitherOrder(String profiles) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NothingButSettings.class)
                .web(WebApplicationType.NONE)
                .run("--spring.profiles.active=" + profiles, "--spring.main.banner-mode=off")) {
            Environment settings = context.getEnvironment();

            assertThat(settings.getProperty("blackbox.group-commit.enabled")).isEqualTo("false");
            assertThat(settings.getProperty("blackbox.incident-cache.shared-store")).isEqualTo("false");
            assertThat(settings.getProperty("blackbox.incident-cache.max-incidents")).isEqualTo("10000");
            assertThat(settings.getProperty("axon.axonserver.enabled")).isEqualTo("true");
            // The database is PostgreSQL's.
            assertThat(settings.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql:");
        }
    }

    @Test
    void postgresAloneKeepsItsGroupCommitAndCheckedCache() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NothingButSettings.class)
                .web(WebApplicationType.NONE)
                .run("--spring.profiles.active=postgres", "--spring.main.banner-mode=off")) {
            Environment settings = context.getEnvironment();

            assertThat(settings.getProperty("blackbox.group-commit.enabled")).isEqualTo("true");
            assertThat(settings.getProperty("blackbox.incident-cache.shared-store")).isEqualTo("true");
        }
    }
}
