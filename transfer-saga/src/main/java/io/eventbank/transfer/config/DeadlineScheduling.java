package io.eventbank.transfer.config;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManagerSupplier;

/**
 * The deadlines' scheduler (db-scheduler, table {@code scheduled_tasks}) on Quarkus's datasource (schema
 * {@code transfer}); the rest of the storage under Axon is the platform's ({@code AxonBeans}).
 */
@ApplicationScoped
public class DeadlineScheduling {

    /** Filled in by AxonSetup once the deadline manager exists; the scheduler's task reaches it through this. */
    @Produces
    @Singleton
    DbSchedulerDeadlineManagerSupplier deadlineManagerSupplier() {
        return new DbSchedulerDeadlineManagerSupplier();
    }

    /** Deadlines live in the database: a deadline pending when the service stops fires after it starts again. */
    @Produces
    @Singleton
    Scheduler deadlineScheduler(DataSource dataSource, DbSchedulerDeadlineManagerSupplier manager) {
        return Scheduler.create(dataSource, DbSchedulerDeadlineManager.humanReadableTask(manager))
                .threads(2)
                .pollingInterval(Duration.ofMillis(500))
                .heartbeatInterval(Duration.ofSeconds(5))
                .build();
    }
}
