package io.eventbank.transfer.view;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.eventbank.contracts.transfer.TransferStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Transfers that became final, counted once their unit of work has committed: {@code eventbank_transfers_total} by
 * status ({@code COMPLETED} or {@code FAILED}) and failure reason, at {@code /q/metrics}.
 */
@Singleton
public class FinishedTransfers {

    @Inject
    MeterRegistry registry;

    void finished(TransferStatus status, String reason) {
        Runnable count = () -> registry.counter("eventbank.transfers", "status", status.name(),
                "reason", reason == null ? "none" : reason).increment();
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> count.run());
        } else {
            count.run();
        }
    }
}
