package dev.blackbox.app.config;

import dev.blackbox.app.security.InterfaceSecurityConfig;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The web interface, loaded only in a process that runs both sides: its pages read the read models
 * and its forms send commands, so a command-only or query-only process serves the API alone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSide({Side.COMMAND, Side.QUERY})
@ComponentScan("dev.blackbox.ui")
@Import(InterfaceSecurityConfig.class)
class InterfaceConfig {
}
