package dev.blackbox.plumbing.commands;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.AxonServerBusAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The command bus, where this process handles commands: where the application says how failures
 * travel ({@link FailureDetails}). Ordered before Axon's own, which then steps aside.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, AxonServerBusAutoConfiguration.class})
@ConditionalOnBean(FailureDetails.class)
@EnableConfigurationProperties(GroupCommitProperties.class)
public class CommandBusAutoConfiguration {

    /**
     * The bus this process's command handlers run on, set up as Axon's default one, but answering
     * failures in a form that also crosses Axon Server, and, unless turned off, committing commands
     * in groups. {@code localSegment} is the name under which Axon Server's command bus looks for it;
     * without Axon Server it is the only command bus. Closing it commits what is still queued.
     */
    @Bean(destroyMethod = "close")
    @Qualifier("localSegment")
    FailureCarryingCommandBus commandBus(TransactionManager transactionManager,
            PlatformTransactionManager platformTransactionManager, org.axonframework.config.Configuration axon,
            DuplicateCommandHandlerResolver duplicateCommandHandlerResolver, List<Cache> aggregateCaches,
            FailureDetails failureDetails, GroupCommitProperties groupCommit, ObjectProvider<DataSource> dataSource,
            ObjectProvider<MeterRegistry> meters) {
        if (!groupCommit.enabled()) {
            return new FailureCarryingCommandBus(handlers(transactionManager, axon, duplicateCommandHandlerResolver),
                    failureDetails);
        }
        CommandBus handlers = handlers(new SavepointTransactionManager(platformTransactionManager), axon,
                duplicateCommandHandlerResolver);
        return new FailureCarryingCommandBus(
                new GroupCommitCommandBus(handlers, platformTransactionManager,
                        groupCommit.lockTimeout() == null ? () -> { } : lockTimeout(dataSource.getObject(),
                                groupCommit.lockTimeout()),
                        aggregateCaches, groupCommit, meters.getIfAvailable(SimpleMeterRegistry::new)), failureDetails);
    }

    /**
     * PostgreSQL's lock_timeout for one group's transaction (SET LOCAL), so that nothing else using a
     * pooled connection, such as a processor claiming its token or Flyway's migration lock, gives up
     * waiting early.
     */
    private static Runnable lockTimeout(DataSource dataSource, Duration timeout) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String database = jdbc.execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName());
        if (!"PostgreSQL".equals(database)) {
            throw new IllegalStateException("blackbox.group-commit.lock-timeout sets PostgreSQL's lock_timeout; "
                    + "the database here is " + database + ": remove the setting");
        }
        String statement = "SET LOCAL lock_timeout = " + timeout.toMillis();
        return () -> jdbc.execute(statement);
    }

    private static CommandBus handlers(TransactionManager transactionManager, org.axonframework.config.Configuration axon,
            DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        SimpleCommandBus handlers = SimpleCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        handlers.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return handlers;
    }
}
