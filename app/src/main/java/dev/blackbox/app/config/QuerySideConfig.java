package dev.blackbox.app.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The query side, scanned only when this process runs it: a command-only process keeps no read
 * models and claims no projection segments, so query instances share all of that work.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSide(Side.QUERY)
@ComponentScan("dev.blackbox.query")
@ConfigurationPropertiesScan("dev.blackbox.query")
class QuerySideConfig {
}
