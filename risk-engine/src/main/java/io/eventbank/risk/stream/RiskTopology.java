package io.eventbank.risk.stream;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.eventbank.contracts.risk.TransferScreenedEvent;
import io.eventbank.risk.config.RiskConfig;
import io.eventbank.risk.rules.History;
import io.eventbank.risk.rules.Limits;
import io.eventbank.risk.rules.Rules;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

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
    /** By IBAN, in time: the account's screenings within the window ({@link History.Recent}). */
    static final String RECENT = "risk-recent";
    /** By {@code <payer IBAN> <payee IBAN>}: when the payer first paid the payee. */
    static final String PAYEES = "risk-payees";
    /** By transfer id, in time: the verdict given, to answer a repeated screening with it. */
    static final String VERDICTS = "risk-verdicts";

    @Produces
    Topology topology(RiskConfig config) {
        return build(new Rules(Limits.of(config)), config.verdictsKept());
    }

    /** The topology for these rules (the tests build it with their own). */
    public static Topology build(Rules rules, Duration verdictsKept) {
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
                window.plusMinutes(1), window, true), Serdes.String(), new JsonSerde<>(History.Recent.class)),
                "screener");
        topology.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(VERDICTS,
                verdictsKept, Duration.ofMillis(1), false), Serdes.String(),
                new JsonSerde<>(TransferScreenedEvent.class)), "screener");
        return topology;
    }

    /** The key of {@value #PAYEES}. */
    static String payee(String payer, String payee) {
        return payer + ' ' + payee;
    }
}
