package io.eventbank.infrastructure.axon;

import java.sql.SQLTransientException;
import java.util.concurrent.ScheduledExecutorService;

import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.AxonTransientException;

/**
 * Command retries for failures that may pass by themselves: a concurrent append to the same aggregate (another
 * node) or a transient database error. A refusal or any other failure is never retried: it would only repeat.
 */
public final class Retries {

    private Retries() {
    }

    public static RetryScheduler transientFailures(ScheduledExecutorService executor, int attempts, int intervalMillis) {
        return IntervalRetryScheduler.builder()
                .retryExecutor(executor)
                .maxRetryCount(attempts)
                .retryInterval(intervalMillis)
                .nonTransientFailurePredicate(failure -> !isTransient(failure))
                .build();
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AxonTransientException || cause instanceof SQLTransientException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
