package io.eventbank.transfer.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.eventbank.transfer.domain.ResumeIncomingPaymentCommand;
import io.eventbank.transfer.domain.ResumeTransferCommand;
import io.eventbank.contracts.transfer.TransferDirection;
import io.eventbank.contracts.transfer.TransferStatus;
import io.eventbank.transfer.config.TransferConfig;
import io.eventbank.transfer.domain.MoneyTransfer;
import io.eventbank.transfer.view.TransferViews;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

/**
 * Every state of a transfer that is not final moves on: a transfer that has had no event for
 * {@code eventbank.transfer.sweep.stale-after} asks again for what it waits for (its pending account leg, which the
 * account counts once and answers again; or, past the cut-off, the receiving bank's status, when the saga's own
 * status requests have been silent for two of their longest intervals). Answers lost on the way
 * (a message dead-lettered by an older release, a log lost with a broker's disk) cannot leave a transfer open for good.
 */
@ApplicationScoped
public class TransferSweeper {

    private static final Logger LOG = Logger.getLogger(TransferSweeper.class);
    private static final int BATCH = 50;

    @Inject
    TransferViews views;
    @Inject
    CommandGateway commands;
    @Inject
    TransferConfig config;

    private ScheduledExecutorService timer;

    /** After Axon has started (its start observer has a higher priority). */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 300) StartupEvent startup) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "transfer-sweeper"));
        long every = config.sweep().interval().toMillis();
        timer.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf("the sweep of open transfers failed, trying again in %s: %s", config.sweep().interval(), e);
        }
    }

    /** Asks again for every stale transfer; answers how many moved. */
    public int sweep() {
        Duration staleAfter = config.sweep().staleAfter();
        // waiting for the receiving bank is the saga's deadlines' to follow; the sweeper only backs them up
        Instant clearingStale = Instant.now().minus(MoneyTransfer.MAX_STATUS_REQUEST_INTERVAL.multipliedBy(2));
        int moved = 0;
        for (TransferViews.Stale transfer : views.stale(Instant.now().minus(staleAfter), BATCH)) {
            boolean clearing = transfer.status() == TransferStatus.SENT_TO_CLEARING
                    || transfer.status() == TransferStatus.AWAITING_STATUS;
            if (clearing && transfer.since().isAfter(clearingStale)) {
                continue;
            }
            Object resume = transfer.direction() == TransferDirection.INCOMING
                    ? new ResumeIncomingPaymentCommand(transfer.transferId())
                    : new ResumeTransferCommand(transfer.transferId());
            if (Boolean.TRUE.equals(commands.sendAndWait(resume))) {
                moved++;
                LOG.infof("transfer %s has been %s since %s: asked again for what it waits for",
                        transfer.transferId(), transfer.status(), transfer.since());
            }
        }
        return moved;
    }
}
