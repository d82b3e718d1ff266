package io.eventbank.transfer.config;

import jakarta.inject.Singleton;

import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Migration V4 reads every deadline's data as UTF-8 text to find the sagas' ones; a deadline kept with Java
 * serialization (every one an earlier release wrote) is no UTF-8 text, and would fail the migration. So the deadlines
 * are converted to JSON ({@link LegacyDeadlines}) right before V4 runs, on its connection; after it, at every start.
 */
@Singleton
public class DeadlinesBeforeTheirMigration implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.callbacks(callback());
    }

    /** Converts the deadlines before V4 runs, on its connection. */
    static Callback callback() {
        return new BaseCallback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.BEFORE_EACH_MIGRATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                if (context.getMigrationInfo() != null && context.getMigrationInfo().getVersion() != null
                        && "4".equals(context.getMigrationInfo().getVersion().getVersion())) {
                    LegacyDeadlines.convert(context.getConnection(), new JacksonSerializer());
                }
            }

            @Override
            public String getCallbackName() {
                return "deadlines-as-json-before-V4";
            }
        };
    }
}
