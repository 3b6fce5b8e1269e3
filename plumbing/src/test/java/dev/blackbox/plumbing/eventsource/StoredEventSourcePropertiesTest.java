package dev.blackbox.plumbing.eventsource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class StoredEventSourcePropertiesTest {

    @Configuration
    @EnableConfigurationProperties(StoredEventSourceProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1024, 5000})
    void aWindowThatWouldStopOrPaceTheReadModelsIsRefusedAtStartUp(int window) {
        context.withPropertyValues("blackbox.event-source.read-model-window=" + window)
                .run(started -> assertThat(started).getFailure()
                        .hasRootCauseInstanceOf(IllegalArgumentException.class)
                        .rootCause()
                        .hasMessageContaining("blackbox.event-source.read-model-window must be from 1 to 1023, not " + window));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, 1023})
    void aWindowWithinTheQueuesIsTaken(int window) {
        context.withPropertyValues("blackbox.event-source.read-model-window=" + window)
                .run(started -> assertThat(started.getBean(StoredEventSourceProperties.class).readModelWindow())
                        .isEqualTo(window));
    }
}
