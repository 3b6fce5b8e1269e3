package dev.blackbox.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Runs both sides of Blackbox in one process on the profile's stores. */
@SpringBootApplication(scanBasePackages = "dev.blackbox")
@ConfigurationPropertiesScan("dev.blackbox")
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
