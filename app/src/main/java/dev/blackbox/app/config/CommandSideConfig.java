package dev.blackbox.app.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The command side, scanned only when this process runs it: a query-only process has no command
 * endpoints and no aggregate, so it cannot append events.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSide(Side.COMMAND)
@ComponentScan("dev.blackbox.command")
@ConfigurationPropertiesScan("dev.blackbox.command")
class CommandSideConfig {
}
