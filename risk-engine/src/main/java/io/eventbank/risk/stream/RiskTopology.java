package io.eventbank.risk.stream;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.eventbank.contracts.Iban;
import io.eventbank.contracts.risk.TransferScreenedEvent;
import io.eventbank.risk.config.RiskConfig;
import io.eventbank.risk.rules.History;
import io.eventbank.risk.rules.Limits;
import io.eventbank.risk.rules.Rules;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The engine's topology. Two sources, co-partitioned by the account's IBAN (the same key and partition count):
 * account events, which tell when an account was opened and funded and whom it has paid, and screenings, each
 * answered with a verdict on {@value #DECISIONS}. One account's records are handled by one task, in order, so its
 * state is never read and written by two at once; the stores are changelogged to Kafka, so a restarted engine (or the
 * instance that takes a partition over) has the state back without a database.
 */
@ApplicationScoped
public class RiskTopology {

    public static final String SCREENINGS = "bank.risk.screenings";
    public static final String DECISIONS = "bank.risk.decisions";
    public static final String ACCOUNT_EVENTS = "bank.account.events";

    /** By IBAN: {@link AccountState}. */
    static final String ACCOUNTS = "risk-accounts";
    /**
     * By {@code <IBAN> <transfer id>}, in time: the account's screenings within the window ({@link History.Recent}),
     * fetched by the IBAN's range of keys. One key a transfer, not duplicates under the IBAN: a window store numbers
     * its duplicates in memory only, so after a restart a new one could take an old one's place.
     */
    static final String RECENT = "risk-recent";
    /** By {@code <payer IBAN> <payee IBAN>}: when the payer first paid the payee. */
    static final String PAYEES = "risk-payees";
    /** By transfer id, in time: the verdict given, to answer a repeated screening with it. */
    static final String VERDICTS = "risk-verdicts";
    /** By {@code <bank code> <currency>}, a window a minute: the live analytics ({@link Activity}). */
    static final String ACTIVITY = "risk-activity";
    /** By IBAN: how many of the account's transfers were held. */
    static final String FLAGS = "risk-flags";
    /** The analytics' windows. */
    static final Duration MINUTE = Duration.ofMinutes(1);

    @Produces
    Topology topology(RiskConfig config) {
        return build(new Rules(Limits.of(config)), config.verdictsKept(), config.analyticsKept());
    }

    /**
     * The topology for these rules (the tests build it with their own); verdicts kept for {@code verdictsKept}, the
     * analytics' minutes for {@code analyticsKept}.
     */
    public static Topology build(Rules rules, Duration verdictsKept, Duration analyticsKept) {
        Duration window = rules.limits().window();
        Topology topology = new Topology();
        topology.addSource("account-events", Serdes.String().deserializer(), Serdes.String().deserializer(),
                ACCOUNT_EVENTS);
        topology.addSource("screenings", Serdes.String().deserializer(), Serdes.String().deserializer(), SCREENINGS);
        topology.addProcessor("account-facts", AccountFacts::new, "account-events");
        topology.addProcessor("screener", () -> new Screener(rules), "screenings");
        topology.addSink("decisions", DECISIONS, Serdes.String().serializer(), Serdes.String().serializer(),
                "screener");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACCOUNTS),
                Serdes.String(), new JsonSerde<>(AccountState.class)), "account-facts", "screener");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAYEES),
                Serdes.String(), Serdes.Long()), "account-facts", "screener");
        // kept a minute longer than the window: a screening a little late on the account's stream time still sees it
        topology.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(RECENT,
                window.plusMinutes(1), window, false), Serdes.String(), new JsonSerde<>(History.Recent.class)),
                "screener");
        topology.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(VERDICTS,
                verdictsKept, Duration.ofMillis(1), false), Serdes.String(),
                new JsonSerde<>(TransferScreenedEvent.class)), "screener");
        topology.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(ACTIVITY,
                analyticsKept, MINUTE, false), Serdes.String(), new JsonSerde<>(Activity.class)),
                "account-facts", "screener");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FLAGS),
                Serdes.String(), Serdes.Long()), "screener");
        return topology;
    }

    /** The key of {@value #PAYEES}. */
    static String payee(String payer, String payee) {
        return payer + ' ' + payee;
    }

    /** The key of {@value #ACTIVITY}: the account's bank (its bank code, or its country outside Germany). */
    static String activity(String iban, String currency) {
        return (Iban.isGerman(iban) ? Iban.bankCodeOf(iban) : iban.substring(0, 2)) + ' ' + currency;
    }

    /** Adds to the minute of {@code at} in {@value #ACTIVITY}. */
    static void count(WindowStore<String, Activity> activity, String iban, String currency, long at, Activity more) {
        String key = activity(iban, currency);
        long minute = at - Math.floorMod(at, MINUTE.toMillis());
        Activity known = activity.fetch(key, minute);
        activity.put(key, known == null ? more : known.plus(more), minute);
    }

    /** The key of a screening in {@value #RECENT}. */
    static String recent(String payer, String transferId) {
        return payer + ' ' + transferId;
    }

    /** The first and last key {@value #RECENT} can hold for an account ('!' follows ' '): its range. */
    static String[] recentRange(String payer) {
        return new String[] {payer + ' ', payer + '!'};
    }
}
