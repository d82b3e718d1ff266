package io.eventbank.risk.stream;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.contracts.Money;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * The live analytics, read from the engine's stores (Kafka Streams' interactive queries). Each task keeps the minutes
 * of the accounts of its partitions; a bank's minute is the sum over the tasks. This instance answers for the
 * partitions it holds: all of them while the engine runs as one instance.
 */
@ApplicationScoped
public class Analytics {

    /** One minute of one bank's transfers in one currency, summed over the tasks. */
    public record Minute(Instant minute, String bankCode, String currency, long transfers, String volume,
            long failed, long screened, long held) {
    }

    /** An account and how many of its transfers were held. */
    public record Flagged(String iban, long holds) {
    }

    /** The minutes from {@code from} to {@code to}, oldest first, and the most held accounts. */
    public record Report(Instant from, Instant to, List<Minute> minutes, List<Flagged> mostFlagged) {
    }

    @Inject
    KafkaStreams streams;

    /**
     * The activity of the minutes that start within {@code [from, to]} and the {@code top} accounts held most often.
     *
     * @throws InvalidStateStoreException while the engine is not running (starting, or restoring its stores)
     */
    public Report report(Instant from, Instant to, int top) {
        ReadOnlyWindowStore<String, Activity> activity = streams.store(StoreQueryParameters.fromNameAndType(
                RiskTopology.ACTIVITY, QueryableStoreTypes.windowStore()));
        Map<Instant, Map<String, Activity>> byMinute = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, Activity> found = activity.fetchAll(from, to)) {
            while (found.hasNext()) {
                KeyValue<Windowed<String>, Activity> entry = found.next();
                byMinute.computeIfAbsent(entry.key.window().startTime(), minute -> new TreeMap<>())
                        .merge(entry.key.key(), entry.value, Activity::plus);
            }
        }
        List<Minute> minutes = new ArrayList<>();
        byMinute.forEach((minute, banks) -> banks.forEach((key, sum) -> {
            String[] bankAndCurrency = key.split(" ", 2);
            String currency = bankAndCurrency[1];
            minutes.add(new Minute(minute, bankAndCurrency[0], currency, sum.transfers(),
                    BigDecimal.valueOf(sum.volume(), Money.scaleOf(currency)).toPlainString(), sum.failed(),
                    sum.screened(), sum.held()));
        }));
        return new Report(from, to, minutes, mostFlagged(top));
    }

    private List<Flagged> mostFlagged(int top) {
        ReadOnlyKeyValueStore<String, Long> flags = streams.store(StoreQueryParameters.fromNameAndType(
                RiskTopology.FLAGS, QueryableStoreTypes.keyValueStore()));
        List<Flagged> all = new ArrayList<>();
        try (KeyValueIterator<String, Long> found = flags.all()) {
            found.forEachRemaining(entry -> all.add(new Flagged(entry.key, entry.value)));
        }
        all.sort(Comparator.comparingLong(Flagged::holds).reversed().thenComparing(Flagged::iban));
        return List.copyOf(all.subList(0, Math.min(top, all.size())));
    }
}
