package io.eventbank.transfer.config;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManagerSupplier;

/**
 * The deadlines' scheduler (db-scheduler, table {@code scheduled_tasks}, its task data in JSON) on Quarkus's
 * datasource (schema {@code transfer}); the rest of the storage under Axon is the platform's ({@code AxonBeans}).
 */
@ApplicationScoped
public class DeadlineScheduling {

    /** Filled in by AxonSetup once the deadline manager exists; the scheduler's task reaches it through this. */
    @Produces
    @Singleton
    DbSchedulerDeadlineManagerSupplier deadlineManagerSupplier() {
        return new DbSchedulerDeadlineManagerSupplier();
    }

    /**
     * Deadlines live in the database: a deadline pending when the service stops fires after it starts again. They are
     * kept as JSON, never with Java serialization (db-scheduler's default), which would run whatever a row written by
     * anyone with access to the database asks for; those an earlier release kept that way are converted first
     * ({@link LegacyDeadlines}).
     */
    @Produces
    @Singleton
    Scheduler deadlineScheduler(DataSource dataSource, DbSchedulerDeadlineManagerSupplier manager) {
        JacksonSerializer json = new JacksonSerializer();
        LegacyDeadlines.convert(dataSource, json);
        return Scheduler.create(dataSource, DbSchedulerDeadlineManager.humanReadableTask(manager))
                .serializer(json)
                .threads(2)
                .pollingInterval(Duration.ofMillis(500))
                .heartbeatInterval(Duration.ofSeconds(5))
                .build();
    }
}
