package dev.blackbox.command.config;

import dev.blackbox.command.incident.CommandFailure;
import dev.blackbox.plumbing.commands.FailureDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandFailureConfig {

    /** A refused command's reason travels to its sender as a {@link CommandFailure}, wherever the command ran. */
    @Bean
    FailureDetails commandFailureDetails() {
        return CommandFailure::of;
    }
}
