package dev.blackbox.plumbing.commands;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How commands share database commits.
 *
 * @param enabled       whether commands are committed in groups; off, each command commits alone
 * @param lanes         threads committing groups side by side; an incident always uses the same
 *                      lane, so its commands stay in order and never wait on another lane's commit
 * @param maxCommands   the most commands one commit carries
 * @param queueCapacity commands waiting per lane before senders are held back
 * @param lockTimeout   on PostgreSQL, how long a group's statement waits for a lock another
 *                      process's group holds before it fails as a conflict and only its command is
 *                      retried; unset, the database's own setting applies
 */
@ConfigurationProperties("blackbox.group-commit")
public record GroupCommitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2") int lanes,
        @DefaultValue("100") int maxCommands,
        @DefaultValue("10000") int queueCapacity,
        Duration lockTimeout) {

    public GroupCommitProperties {
        if (lanes < 1 || maxCommands < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("blackbox.group-commit lanes, max-commands and queue-capacity must be "
                    + "at least 1");
        }
        if (lockTimeout != null && lockTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("blackbox.group-commit.lock-timeout must be at least 1ms");
        }
    }
}
