package dev.blackbox.plumbing.eventsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signal follows the physical commit of the transaction that appended events, also when each
 * command's unit of work runs in a nested transaction (a savepoint) of one shared transaction.
 */
class CommitSignalTest {

    private final DataSourceTransactionManager transactions = new DataSourceTransactionManager(
            new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    private final EventBus eventStore = SimpleEventBus.builder().build();
    private final CommitSignal signal = new CommitSignal(eventStore, Duration.ofHours(1), Duration.ZERO);
    private final AtomicInteger signals = new AtomicInteger();

    @BeforeEach
    void count() {
        signal.listen(signals::incrementAndGet);
    }

    @Test
    void commandsInSavepointsOfOneTransactionSignalOnlyOnceItCommits() {
        AtomicInteger axonAfterCommits = new AtomicInteger();
        AtomicInteger signalsBeforeCommit = new AtomicInteger(-1);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            appendInSavepoint("first", axonAfterCommits);
            appendInSavepoint("second", axonAfterCommits);
            signalsBeforeCommit.set(signals.get());
        });

        assertThat(axonAfterCommits).as("Axon's after-commit, at each savepoint's release").hasValue(2);
        assertThat(signalsBeforeCommit).hasValue(0);
        assertThat(signals).as("one signal for the whole transaction").hasValue(1);
    }

    @Test
    void aRolledBackTransactionDoesNotSignal() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            appendInSavepoint("discarded", new AtomicInteger());
            status.setRollbackOnly();
        });

        assertThat(signals).hasValue(0);
    }

    @Test
    void withoutASpringTransactionTheUnitOfWorksCommitSignals() {
        AtomicInteger signalsWhileCommitting = new AtomicInteger(-1);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.onCommit(u -> signalsWhileCommitting.set(signals.get()));

        unitOfWork.execute(() -> eventStore.publish(asEventMessage("appended")));

        assertThat(signalsWhileCommitting).hasValue(0);
        assertThat(signals).hasValue(1);
    }

    @Test
    void anotherProcesssCommitWakesTheReadersButIsNotAnnouncedAgain() {
        AtomicInteger announced = new AtomicInteger();
        signal.listenToOwnCommits(announced::incrementAndGet);

        signal.othersCommitted();
        assertThat(signals).hasValue(1);
        assertThat(announced).as("announcing what others announced would echo between processes").hasValue(0);

        eventStore.publish(asEventMessage("appended"));
        assertThat(signals).hasValue(2);
        assertThat(announced).hasValue(1);
    }

    @Test
    void anAppendOutsideAnyUnitOfWorkSignalsAtOnce() {
        eventStore.publish(asEventMessage("appended"));

        assertThat(signals).hasValue(1);
    }

    @Test
    void commitsWithinTheWakeGapWakeTheReadersOnceWhenItEnds() throws InterruptedException {
        Duration gap = Duration.ofSeconds(2);
        CommitSignal gapped = new CommitSignal(eventStore, Duration.ofHours(1), gap);
        AtomicInteger wakes = new AtomicInteger();
        gapped.listen(wakes::incrementAndGet);
        gapped.start();
        try {
            eventStore.publish(asEventMessage("first"));
            eventStore.publish(asEventMessage("second"));
            eventStore.publish(asEventMessage("third"));
            assertThat(wakes).as("the first commit wakes at once, the others wait for the gap").hasValue(1);

            Thread.sleep(gap.plusMillis(500).toMillis());
            assertThat(wakes).as("the two later commits, together").hasValue(2);
        } finally {
            gapped.stop();
        }
    }

    @Test
    void backgroundReadersAreWokenAtMostOncePerTheirLongerGap() throws InterruptedException {
        CommitSignal gapped = new CommitSignal(eventStore, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(2));
        AtomicInteger prompt = new AtomicInteger();
        AtomicInteger background = new AtomicInteger();
        gapped.listen(prompt::incrementAndGet);
        gapped.listenInBackground(background::incrementAndGet);
        gapped.start();
        try {
            eventStore.publish(asEventMessage("first"));
            eventStore.publish(asEventMessage("second"));
            eventStore.publish(asEventMessage("third"));
            assertThat(prompt).as("woken by every commit").hasValue(3);
            assertThat(background).as("woken by the first, the others wait for the gap").hasValue(1);

            Thread.sleep(2_500);
            assertThat(background).as("the two later commits, together").hasValue(2);
        } finally {
            gapped.stop();
        }
    }

    /** One command as group commit runs it: its unit of work in a nested Spring transaction. */
    private void appendInSavepoint(String payload, AtomicInteger axonAfterCommits) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(this::savepoint);
        unitOfWork.afterCommit(u -> axonAfterCommits.incrementAndGet());
        unitOfWork.execute(() -> eventStore.publish(asEventMessage(payload)));
    }

    private Transaction savepoint() {
        TransactionStatus status = transactions.getTransaction(
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED));
        return new Transaction() {
            @Override
            public void commit() {
                transactions.commit(status);
            }

            @Override
            public void rollback() {
                transactions.rollback(status);
            }
        };
    }
}
