package dev.blackbox.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Runs Blackbox on the profile's stores: both sides in one process, or one of them when
 * {@code blackbox.mode} is {@code command} or {@code query}. Only this module is scanned here; each
 * side is scanned by its own configuration in {@code config/} when the mode includes it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BlackboxApplication {

    private static final String AXON_USAGE_REPORT_DISABLED = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        // An incident recorder runs inside private networks: Axon's anonymous usage report stays
        // off unless an operator explicitly turns it on with -Daxoniq.update-checker.disabled=false.
        if (System.getProperty(AXON_USAGE_REPORT_DISABLED) == null) {
            System.setProperty(AXON_USAGE_REPORT_DISABLED, "true");
        }
        SpringApplication.run(BlackboxApplication.class, args);
    }
}
