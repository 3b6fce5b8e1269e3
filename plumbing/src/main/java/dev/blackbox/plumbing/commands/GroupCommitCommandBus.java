package dev.blackbox.plumbing.commands;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nonnull;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.callbacks.NoOpCallback;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.commandhandling.distributed.UnresolvedRoutingKeyPolicy;
import org.axonframework.common.caching.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/**
 * Commits the commands that arrive while a commit is under way together, in one database
 * transaction, instead of one commit each. The embedded database writes every commit to its file
 * before it returns and serializes commits from all threads, and it writes rows in commits of many
 * several times faster than one row per commit (docs/benchmarks.md gives the same-run ceilings), so
 * commit count, not work, bounds how many commands per second it can take.
 *
 * <p>Each command still runs in its own Axon unit of work, inside a savepoint of the group's
 * transaction (see {@link SavepointTransactionManager}): a refused command takes back only its own
 * writes. No sender hears back before the group's commit has returned, so an acknowledged command
 * is on disk; if that commit fails, every command of the group is answered with the failure and
 * the aggregate caches are emptied, since they may hold facts that were never stored.
 *
 * <p>Commands are spread over lanes by their target aggregate. A lane is a thread that gathers
 * whatever has queued for it, up to {@code maxCommands}, and commits it, so a quiet system commits
 * each command at once and a busy one commits in larger groups. An aggregate's commands always take
 * the same lane: they keep their order, and no command ever builds on an aggregate state that
 * another lane has not committed yet.
 */
final class GroupCommitCommandBus extends CommandBusDecorator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitCommandBus.class);
    private static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(30);
    private static final ThreadLocal<Boolean> IN_LANE = ThreadLocal.withInitial(() -> false);

    private final PlatformTransactionManager transactions;
    private final Runnable startGroup;
    private final List<Cache> aggregateCaches;
    private final int maxCommands;
    private final RoutingStrategy routing = AnnotationRoutingStrategy.builder()
            .fallbackRoutingStrategy(UnresolvedRoutingKeyPolicy.STATIC_KEY)
            .build();
    private final List<Lane> lanes = new ArrayList<>();
    private final DistributionSummary groupSizes;
    private final Timer commits;
    private volatile boolean closed;

    /** {@code startGroup} runs first in each group's transaction, to set what holds for that transaction only. */
    GroupCommitCommandBus(CommandBus handlers, PlatformTransactionManager transactions, Runnable startGroup,
            List<Cache> aggregateCaches, GroupCommitProperties properties, MeterRegistry meters) {
        super(handlers);
        this.transactions = transactions;
        this.startGroup = startGroup;
        this.aggregateCaches = aggregateCaches;
        this.maxCommands = properties.maxCommands();
        this.groupSizes = DistributionSummary.builder("blackbox.commands.group.size")
                .description("Commands committed together in one database transaction")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.commits = Timer.builder("blackbox.commands.group.commit")
                .description("Handling and committing one group of commands, until its senders are answered")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        for (int i = 0; i < properties.lanes(); i++) {
            lanes.add(new Lane(i, properties.queueCapacity()));
        }
    }

    @Override
    public <C> void dispatch(@Nonnull CommandMessage<C> command) {
        dispatch(command, NoOpCallback.INSTANCE);
    }

    @Override
    public <C, R> void dispatch(@Nonnull CommandMessage<C> command,
            @Nonnull CommandCallback<? super C, ? super R> callback) {
        if (IN_LANE.get()) {
            // Sent by a command handler: it joins the group of the command that sent it, since
            // queueing it would leave the lane waiting for itself.
            handlers.dispatch(command, callback);
            return;
        }
        if (closed) {
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(
                    new IllegalStateException("Blackbox is shutting down; the command was not recorded")));
            return;
        }
        String aggregate = routing.getRoutingKey(command);
        lanes.get(Math.floorMod(aggregate.hashCode(), lanes.size())).enqueue(new Pending<>(command, callback));
    }

    /** Commits what the lanes hold, then stops them; commands sent meanwhile are refused. */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + SHUTDOWN_PATIENCE.toNanos();
        for (Lane lane : lanes) {
            lane.stop(deadline);
        }
    }

    private void commit(List<Pending<?, ?>> group) {
        groupSizes.record(group.size());
        commits.record(() -> commitAndAnswer(group));
    }

    private void commitAndAnswer(List<Pending<?, ?>> group) {
        List<Reply<?, ?>> replies = new ArrayList<>(group.size());
        TransactionStatus transaction = null;
        try {
            transaction = transactions.getTransaction(TransactionDefinition.withDefaults());
            startGroup.run();
            for (Pending<?, ?> pending : group) {
                replies.add(handle(pending));
            }
            transactions.commit(transaction);
        } catch (RuntimeException | Error failure) {
            rollBack(transaction, failure);
            aggregateCaches.forEach(Cache::removeAll);
            for (int i = 0; i < group.size(); i++) {
                Reply<?, ?> reply = i < replies.size() ? replies.get(i) : Reply.unanswered(group.get(i));
                reply.sendFailedUnlessRefused(failure);
            }
            return;
        }
        replies.forEach(Reply::send);
    }

    private void rollBack(TransactionStatus transaction, Throwable failure) {
        log.error("A group of commands could not be committed; none of them is recorded", failure);
        if (transaction != null && !transaction.isCompleted()) {
            try {
                transactions.rollback(transaction);
            } catch (RuntimeException rollbackFailure) {
                failure.addSuppressed(rollbackFailure);
            }
        }
    }

    private <C, R> Reply<C, R> handle(Pending<C, R> pending) {
        Reply<C, R> reply = new Reply<>(pending);
        handlers.dispatch(pending.command(), (CommandCallback<C, R>) (message, result) -> reply.result = result);
        return reply;
    }

    private record Pending<C, R>(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {

        void fail(Throwable failure) {
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(failure));
        }
    }

    /** The answer to one command, held until its group's commit has returned. */
    private static final class Reply<C, R> {

        private final Pending<C, R> pending;
        private CommandResultMessage<? extends R> result;

        private Reply(Pending<C, R> pending) {
            this.pending = pending;
        }

        static <C, R> Reply<C, R> unanswered(Pending<C, R> pending) {
            return new Reply<>(pending);
        }

        void send() {
            CommandResultMessage<? extends R> answer = result != null ? result : GenericCommandResultMessage.asCommandResultMessage(
                    new IllegalStateException("The command was handled without an answer"));
            try {
                pending.callback().onResult(pending.command(), answer);
            } catch (RuntimeException e) {
                // One sender's broken callback must not keep the rest of the group from its answers.
                log.warn("Answering command {} failed", pending.command().getCommandName(), e);
            }
        }

        /** A command refused on its own keeps its refusal; any other learns that nothing was stored. */
        void sendFailedUnlessRefused(Throwable failure) {
            if (result == null || !result.isExceptional()) {
                result = GenericCommandResultMessage.asCommandResultMessage(failure);
            }
            send();
        }
    }

    private final class Lane implements Runnable {

        private final BlockingQueue<Pending<?, ?>> queue;
        private final Thread thread;
        private volatile boolean stopping;
        private volatile boolean exited;

        Lane(int number, int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = new Thread(this, "command-lane-" + number);
            thread.setDaemon(true);
            thread.start();
        }

        void enqueue(Pending<?, ?> pending) {
            try {
                queue.put(pending);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.fail(e);
                return;
            }
            if (exited) {
                // Queued while the lane was going away, after it last looked.
                refuseRemaining();
            }
        }

        @Override
        public void run() {
            IN_LANE.set(true);
            List<Pending<?, ?>> group = new ArrayList<>(maxCommands);
            while (!stopping || !queue.isEmpty()) {
                try {
                    Pending<?, ?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    group.add(first);
                    queue.drainTo(group, maxCommands - 1);
                    commit(group);
                } catch (InterruptedException e) {
                    break;
                } catch (RuntimeException | Error unexpected) {
                    log.error("Command lane {} failed while answering a group", thread.getName(), unexpected);
                } finally {
                    group.clear();
                }
            }
            exited = true;
            refuseRemaining();
        }

        void stop(long deadlineNanos) {
            stopping = true;
            try {
                thread.join(TimeUnit.NANOSECONDS.toMillis(Math.max(1, deadlineNanos - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }

        /** Commands queued after the lane stopped are answered, so no sender waits forever. */
        private void refuseRemaining() {
            Pending<?, ?> pending;
            while ((pending = queue.poll()) != null) {
                pending.fail(new IllegalStateException("Blackbox is shutting down; the command was not recorded"));
            }
        }
    }
}
