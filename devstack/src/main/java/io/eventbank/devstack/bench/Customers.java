package io.eventbank.devstack.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import io.eventbank.devstack.Platform;
import io.eventbank.devstack.tokens.Tokens;

/**
 * The bench's customers and their accounts, opened and funded through the public API: each customer (a token
 * subject) owns {@code accountsPerCustomer} accounts; a few accounts are hot (merchants every customer pays now and
 * then), each owned by a customer of its own.
 */
final class Customers {

    static final String BERLIN = "10020030";
    static final String HAMBURG = "20030040";
    private static final int IN_FLIGHT = 16;
    private static final String FUNDING = "1000000.00";

    /** An account: its IBAN, its bank, its owner's token, and whether it is hot. */
    record Account(String iban, String bank, String token, boolean hot) {
    }

    private final List<Account> all;
    private final Map<String, List<Account>> cold;
    private final Map<String, List<Account>> hot;

    private Customers(List<Account> all) {
        this.all = List.copyOf(all);
        this.cold = Map.of(BERLIN, of(all, BERLIN, false), HAMBURG, of(all, HAMBURG, false));
        this.hot = Map.of(BERLIN, of(all, BERLIN, true), HAMBURG, of(all, HAMBURG, true));
    }

    private static List<Account> of(List<Account> all, String bank, boolean hot) {
        return all.stream().filter(a -> a.hot() == hot && a.bank().equals(bank)).toList();
    }

    List<Account> all() {
        return all;
    }

    List<Account> cold(String bank) {
        return cold.get(bank);
    }

    List<Account> hot(String bank) {
        return hot.get(bank);
    }

    /** Opens and funds the accounts, {@code IN_FLIGHT} requests at a time; fails on the first refusal. */
    static Customers open(BenchSettings settings, BenchApi api, Tokens tokens, Platform.PrintLog out) {
        long started = System.nanoTime();
        List<Account> opened = Collections.synchronizedList(new ArrayList<>());
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        int cold = settings.accounts() - settings.hotAccounts();
        String token = null;
        for (int i = 0; i < settings.accounts(); i++) {
            boolean hot = i >= cold;
            if (hot || i % settings.accountsPerCustomer() == 0) {
                token = tokens.sign("customer", "bench-" + settings.seed() + "-" + (hot ? "merchant-" : "customer-")
                        + i, Duration.ofHours(24));
            }
            String bank = i % 2 == 0 ? BERLIN : HAMBURG;
            String owner = token;
            String key = "bench-" + settings.seed() + "-open-" + i;
            inFlight.acquireUninterruptibly();
            pending.add(api.send("POST", "/accounts", owner, key,
                            Map.of("owner", "Bench " + i, "currency", "EUR", "bankCode", bank))
                    .thenCompose(answer -> {
                        String iban = required(answer, 201, "open an account").text("iban");
                        return api.send("POST", "/accounts/" + iban + "/deposits", owner, key + "-fund",
                                        Map.of("amount", FUNDING, "reference", "bench funding"))
                                .thenApply(funded -> {
                                    required(funded, 200, "fund an account");
                                    opened.add(new Account(iban, bank, owner, hot));
                                    return funded;
                                });
                    })
                    .whenComplete((answer, failure) -> inFlight.release()));
            if (i > 0 && i % 2_000 == 0) {
                out.line("bench: " + i + " accounts opened");
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        out.line(String.format("bench: %,d accounts opened and funded in %.1f s (%d hot)", opened.size(),
                (System.nanoTime() - started) / 1e9, settings.hotAccounts()));
        List<Account> ordered = new ArrayList<>(opened);
        ordered.sort(java.util.Comparator.comparing(Account::iban));
        return new Customers(ordered);
    }

    private static BenchApi.Answer required(BenchApi.Answer answer, int status, String what) {
        if (answer.status() != status && !(status == 200 && answer.status() == 201)) {
            throw new IllegalStateException("could not " + what + ": " + answer.status() + " " + answer.body());
        }
        return answer;
    }

    /** Chooses transfers: a random payer, a payee in the same bank or the other, a hot payee now and then. */
    static final class Mix {

        private final Customers customers;
        private final double interbankShare;
        private final double hotShare;
        private final Random random;

        Mix(Customers customers, double interbankShare, double hotShare, long seed) {
            this.customers = customers;
            this.interbankShare = interbankShare;
            this.hotShare = hotShare;
            this.random = new Random(seed);
        }

        /** A transfer to make: payer, payee and whether it goes between banks. */
        record Transfer(Account debtor, Account creditor, boolean interbank) {
        }

        synchronized Transfer next() {
            String bank = random.nextBoolean() ? BERLIN : HAMBURG;
            List<Account> payers = customers.cold(bank);
            Account debtor = payers.get(random.nextInt(payers.size()));
            boolean interbank = random.nextDouble() < interbankShare;
            String payeeBank = interbank ? (bank.equals(BERLIN) ? HAMBURG : BERLIN) : bank;
            List<Account> payees = random.nextDouble() < hotShare ? customers.hot(payeeBank)
                    : customers.cold(payeeBank);
            Account creditor = payees.get(random.nextInt(payees.size()));
            while (creditor.iban().equals(debtor.iban())) {
                creditor = payees.get(random.nextInt(payees.size()));
            }
            return new Transfer(debtor, creditor, interbank);
        }
    }
}
