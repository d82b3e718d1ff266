package io.eventbank.devstack.chaos;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import io.eventbank.devstack.Platform;
import io.eventbank.devstack.tokens.Tokens;

/**
 * The load of a chaos run, as a client makes it: accounts in both banks (a few of them hot), each funded by a
 * deposit; then, at a fixed rate (open loop: a request is sent on time whether or not earlier ones were answered),
 * transfers within a bank and to the other bank, with some deposits and withdrawals, each under an idempotency key
 * and retried with it until the answer is definitive.
 */
final class Workload {

    static final String BERLIN = "10020030";
    static final String HAMBURG = "20030040";
    private static final long OPENING_CENTS = 1_000_00;

    private final ChaosSettings settings;
    private final ApiClient api;
    private final Tokens tokens;
    /** Each account is a customer's own: its subject's client, by IBAN. */
    private final Map<String, ApiClient> customers = new java.util.concurrent.ConcurrentHashMap<>();
    private final ClientRecord record;
    private final Platform.PrintLog out;
    private final Random random;
    private final AtomicLong numbers = new AtomicLong();
    private final ExecutorService senders;
    private volatile Instant giveUpAt = Instant.MAX;

    Workload(ChaosSettings settings, ApiClient api, Tokens tokens, ClientRecord record, Platform.PrintLog out) {
        this.settings = settings;
        this.api = api;
        this.tokens = tokens;
        this.record = record;
        this.out = out;
        this.random = new Random(settings.seed());
        this.senders = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread thread = new Thread(r, "chaos-client");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the accounts and funds them (before any fault). */
    void openAccounts() {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        for (String bank : List.of(BERLIN, HAMBURG)) {
            for (int i = 0; i < settings.accountsPerBank(); i++) {
                String key = "chaos-" + settings.seed() + "-open-" + bank + "-" + i;
                ApiClient customer = customer("chaos-customer-" + bank + "-" + i);
                ApiClient.Answer opened = customer.call("POST", "/accounts", key,
                        Map.of("owner", "Chaos " + bank + " " + i, "currency", "EUR", "bankCode", bank), deadline);
                if (opened.status() != 201) {
                    throw new IllegalStateException("could not open an account: " + opened.status() + " "
                            + opened.body());
                }
                ClientRecord.Account account = new ClientRecord.Account(opened.text("iban"), bank, i < 2, false);
                customers.put(account.iban(), customer);
                record.accounts.add(account);
                send(new ClientRecord.Operation(numbers.incrementAndGet(), ClientRecord.Kind.DEPOSIT,
                        "chaos-" + settings.seed() + "-fund-" + account.iban(), account.iban(), null, OPENING_CENTS,
                        false));
            }
        }
        out.line("chaos: opened and funded " + record.accounts.size() + " accounts (" + settings.accountsPerBank()
                + " in each bank, 2 of each hot)");
    }

    /** Two accounts of their own for the probes that measure recovery. */
    ClientRecord.Account[] openProbes() {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        ClientRecord.Account[] probes = new ClientRecord.Account[2];
        for (int i = 0; i < 2; i++) {
            ApiClient customer = customer("chaos-probe-" + i);
            ApiClient.Answer opened = customer.call("POST", "/accounts",
                    "chaos-" + settings.seed() + "-probe-account-" + i,
                    Map.of("owner", "Chaos probe " + i, "currency", "EUR"), deadline);
            probes[i] = new ClientRecord.Account(opened.text("iban"), BERLIN, false, true);
            customers.put(probes[i].iban(), customer);
            record.accounts.add(probes[i]);
            send(new ClientRecord.Operation(numbers.incrementAndGet(), ClientRecord.Kind.DEPOSIT,
                    "chaos-" + settings.seed() + "-fund-" + probes[i].iban(), probes[i].iban(), null, 100_00, false));
        }
        return probes;
    }

    /** The next operation of the load, chosen by the seeded random source. */
    synchronized ClientRecord.Operation next() {
        long n = numbers.incrementAndGet();
        String key = "chaos-" + settings.seed() + "-" + n;
        double dice = random.nextDouble();
        ClientRecord.Account account = pick(null, null);
        if (dice < 0.05) {
            return new ClientRecord.Operation(n, ClientRecord.Kind.DEPOSIT, key, account.iban(), null,
                    cents(100, 5_000), false);
        }
        if (dice < 0.10) {
            return new ClientRecord.Operation(n, ClientRecord.Kind.WITHDRAWAL, key, account.iban(), null,
                    cents(100, 5_000), false);
        }
        boolean interbank = random.nextDouble() < settings.interbankShare();
        String creditorBank = interbank ? other(account.bank()) : account.bank();
        ClientRecord.Account creditor = pick(creditorBank, account.iban());
        // now and then more than any account holds: a transfer that must fail and move nothing
        long amount = random.nextDouble() < 0.03 ? 5_000_00 : cents(1, 2_000);
        return new ClientRecord.Operation(n, ClientRecord.Kind.TRANSFER, key, account.iban(), creditor.iban(), amount,
                interbank);
    }

    /** Sends an operation on a client thread; the thread retries until the answer is definitive. */
    void submit(ClientRecord.Operation operation) {
        record.operations.add(operation);
        senders.submit(() -> perform(operation));
    }

    /** Sends an operation on this thread and returns once it is answered. */
    void send(ClientRecord.Operation operation) {
        record.operations.add(operation);
        perform(operation);
    }

    void giveUpAt(Instant at) {
        giveUpAt = at;
    }

    void shutdown() {
        senders.shutdownNow();
    }

    private void perform(ClientRecord.Operation op) {
        String amount = BigDecimal.valueOf(op.cents, 2).toPlainString();
        ApiClient owner = customers.get(op.iban);
        ApiClient.Answer answer = switch (op.kind) {
            case DEPOSIT -> owner.call("POST", "/accounts/" + op.iban + "/deposits", op.key,
                    Map.of("amount", amount, "reference", "chaos " + op.n), giveUpAt);
            case WITHDRAWAL -> owner.call("POST", "/accounts/" + op.iban + "/withdrawals", op.key,
                    Map.of("amount", amount, "reference", "chaos " + op.n), giveUpAt);
            case TRANSFER -> owner.call("POST", "/transfers", op.key, Map.of("debtorIban", op.iban,
                    "creditorIban", op.creditor, "amount", amount, "currency", "EUR", "reference", "chaos " + op.n),
                    giveUpAt);
        };
        op.attempts = answer.attempts();
        if (op.kind == ClientRecord.Kind.TRANSFER && answer.ok()) {
            op.transferId = answer.text("transferId");
        }
        op.answeredAt = Instant.now();
        op.status = answer.status();
    }

    /** A client acting as this customer (a token of its own, valid for the whole run). */
    private ApiClient customer(String subject) {
        return api.as(tokens.sign("customer", subject, Duration.ofHours(12)));
    }

    private ClientRecord.Account pick(String bank, String not) {
        List<ClientRecord.Account> candidates = new ArrayList<>();
        boolean hot = random.nextDouble() < settings.hotShare();
        for (ClientRecord.Account account : record.accounts) {
            if (!account.probe() && (bank == null || account.bank().equals(bank)) && !account.iban().equals(not)
                    && (!hot || account.hot())) {
                candidates.add(account);
            }
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    private long cents(long min, long max) {
        return min + (long) (random.nextDouble() * (max - min));
    }

    private static String other(String bank) {
        return bank.equals(BERLIN) ? HAMBURG : BERLIN;
    }
}
