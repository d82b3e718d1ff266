package io.eventbank.devstack.chaos;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The independent checker: from the client's own record of what it sent and what the API answered, it works out what
 * every account must hold, and compares with what the API shows. It never asks the platform whether the platform is
 * right (no verification endpoint): it checks money conserved to the cent, every balance, no balance below its limit
 * (at the end and, by every statement line's balance after it, at any point of the run), every transfer final in
 * time, every statement line one of the client's accepted requests of its amount as its transfer's status says,
 * settlement positions netting to zero, and read models equal to a clean replay of the events.
 */
final class Checker {

    /** One check: its name, whether it holds, and what was found. */
    record Check(String name, boolean ok, String detail) {
    }

    private final ApiClient api;
    private final ApiClient operator;
    private final ClientRecord record;

    /** Reads with {@code api} (an auditor), starts the replay with {@code operator}. */
    Checker(ApiClient api, ApiClient operator, ClientRecord record) {
        this.api = api;
        this.operator = operator;
        this.record = record;
    }

    /** Follows every transfer the client made until it is final, or until {@code giveUpAt}. */
    void resolveTransfers(Instant giveUpAt) {
        List<ClientRecord.Operation> open = new ArrayList<>(transfers());
        while (!open.isEmpty() && Instant.now().isBefore(giveUpAt)) {
            List<ClientRecord.Operation> still = new ArrayList<>();
            for (ClientRecord.Operation op : open) {
                ApiClient.Answer answer = api.once("GET", "/transfers/" + op.transferId, null, null);
                String status = answer.ok() ? answer.text("status") : null;
                if ("COMPLETED".equals(status) || "FAILED".equals(status)) {
                    op.finalStatus = status;
                    op.failureReason = answer.text("failureReason");
                    op.finalAt = Instant.parse(answer.text("updatedAt"));
                } else {
                    op.finalStatus = status;
                    still.add(op);
                }
            }
            open = still;
            if (!open.isEmpty()) {
                ApiClient.sleep(1000);
            }
        }
    }

    /** What each account must hold, in cents, from the client's record alone. */
    Map<String, Long> expectedBalances() {
        Map<String, Long> expected = new LinkedHashMap<>();
        record.accounts.forEach(a -> expected.put(a.iban(), 0L));
        for (ClientRecord.Operation op : record.operations) {
            if (!op.accepted()) {
                continue;
            }
            switch (op.kind) {
                case DEPOSIT -> expected.merge(op.iban, op.cents, Long::sum);
                case WITHDRAWAL -> expected.merge(op.iban, -op.cents, Long::sum);
                case TRANSFER -> {
                    if ("COMPLETED".equals(op.finalStatus)) {
                        expected.merge(op.iban, -op.cents, Long::sum);
                        expected.merge(op.creditor, op.cents, Long::sum);
                    }
                }
            }
        }
        return expected;
    }

    /** The balances the API shows, once they stop moving towards the expected ones (read models catch up). */
    Map<String, Long> actualBalances(Map<String, Long> expected, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        Map<String, Long> actual = new LinkedHashMap<>();
        while (true) {
            actual.clear();
            for (ClientRecord.Account account : record.accounts) {
                ApiClient.Answer answer = api.until("GET", "/accounts/" + account.iban(), null, null,
                        Instant.now().plusSeconds(30), ApiClient.Answer::ok);
                actual.put(account.iban(), answer.ok() ? cents(answer.text("balance")) : null);
            }
            if (actual.equals(expected) || Instant.now().isAfter(deadline)) {
                return actual;
            }
            ApiClient.sleep(2000);
        }
    }

    List<Check> check(Map<String, Long> expected, Map<String, Long> actual, Instant lastFault, Duration settleWithin) {
        List<Check> checks = new ArrayList<>();
        long deposits = sum(ClientRecord.Kind.DEPOSIT);
        long withdrawals = sum(ClientRecord.Kind.WITHDRAWAL);
        long held = actual.values().stream().filter(Objects::nonNull).mapToLong(Long::longValue).sum();
        checks.add(new Check("money is conserved: customers hold deposits minus withdrawals", held == deposits - withdrawals,
                "customers hold " + euros(held) + ", deposits " + euros(deposits) + " minus withdrawals "
                        + euros(withdrawals) + " = " + euros(deposits - withdrawals) + "; cents off: "
                        + (held - (deposits - withdrawals))));

        Map<String, String> wrong = new LinkedHashMap<>();
        expected.forEach((iban, cents) -> {
            if (!cents.equals(actual.get(iban))) {
                wrong.put(iban, "expected " + euros(cents) + ", shows " + (actual.get(iban) == null ? "nothing"
                        : euros(actual.get(iban))));
            }
        });
        checks.add(new Check("each balance equals its deposits, withdrawals and completed transfers",
                wrong.isEmpty(), wrong.isEmpty() ? "all " + expected.size() + " accounts" : first(wrong)));

        Map<String, String> below = new LinkedHashMap<>();
        actual.forEach((iban, cents) -> {
            if (cents != null && cents < 0) {
                below.put(iban, euros(cents));
            }
        });
        checks.add(new Check("no balance below its limit (0.00)", below.isEmpty(),
                below.isEmpty() ? "none" : first(below)));

        List<String> unanswered = record.operations.stream().filter(op -> !op.answered())
                .map(op -> op.kind + " " + op.key + " (last answer " + op.status + " after " + op.attempts
                        + " attempts)").toList();
        checks.add(new Check("every request has a definitive answer", unanswered.isEmpty(),
                unanswered.isEmpty() ? "all " + record.operations.size() : unanswered.size() + " never answered: "
                        + unanswered.subList(0, Math.min(10, unanswered.size()))));

        List<ClientRecord.Operation> transfers = transfers();
        List<String> open = transfers.stream().filter(op -> op.finalAt == null)
                .map(op -> op.transferId + " " + op.finalStatus).toList();
        Instant lastFinal = transfers.stream().map(op -> op.finalAt).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(lastFault);
        long settledAfter = lastFault == null ? 0 : Duration.between(lastFault, lastFinal).toSeconds();
        boolean inTime = lastFault == null || !lastFinal.isAfter(lastFault.plus(settleWithin));
        checks.add(new Check("every transfer final within " + settleWithin.toSeconds() + " s of the end of the last"
                + " fault (its part ready again), or of the last request, if later", open.isEmpty() && inTime, open.isEmpty() ? "all " + transfers.size()
                + " final; the last " + Math.max(0, settledAfter) + " s after" : open.size() + " not final: "
                + open.subList(0, Math.min(10, open.size()))));

        checks.addAll(statementLines(transfers));
        checks.add(settlements());
        return checks;
    }

    /**
     * Every line of every statement against the client's own record, with amounts: a deposit or withdrawal line for
     * each accepted one of that amount and none for one the API refused; for each transfer, on the payer's statement
     * one debit of its amount if it COMPLETED, nothing or a debit and its refund if it FAILED; on the payee's one
     * credit of its amount if it COMPLETED and nothing if it FAILED; and no line of a transfer the client never made.
     * So a refusal (4xx) that moved money anyway, a FAILED transfer that kept money, or a COMPLETED one that moved
     * another amount is found from the client's side, whatever status the platform gave it.
     */
    private List<Check> statementLines(List<ClientRecord.Operation> transfers) {
        Map<String, List<JsonNode>> byAccount = new LinkedHashMap<>();
        for (ClientRecord.Account account : record.accounts) {
            byAccount.put(account.iban(), statement(account.iban()));
        }
        Map<String, String> wrong = new LinkedHashMap<>();
        // deposits and withdrawals: the lines' amounts are the accepted requests' amounts, as multisets per account
        for (ClientRecord.Account account : record.accounts) {
            for (ClientRecord.Kind kind : List.of(ClientRecord.Kind.DEPOSIT, ClientRecord.Kind.WITHDRAWAL)) {
                List<Long> asked = record.operations.stream()
                        .filter(op -> op.kind == kind && op.accepted() && op.iban.equals(account.iban()))
                        .map(op -> kind == ClientRecord.Kind.DEPOSIT ? op.cents : -op.cents).sorted().toList();
                List<Long> booked = byAccount.get(account.iban()).stream()
                        .filter(line -> line.path("kind").asText().equals(kind.name()))
                        .map(line -> cents(line.path("amount").asText())).sorted().toList();
                if (!asked.equals(booked)) {
                    wrong.put(account.iban() + " " + kind, "accepted " + asked + ", booked " + booked);
                }
            }
        }
        // transfers: each line of a transfer is one the client made, of its amount, as its status says
        Map<String, Map<String, List<Long>>> lines = new HashMap<>();
        byAccount.forEach((iban, statement) -> statement.stream().filter(line -> line.hasNonNull("transferId"))
                .forEach(line -> lines.computeIfAbsent(line.path("transferId").asText(), t -> new HashMap<>())
                        .computeIfAbsent(iban + " " + line.path("kind").asText(), k -> new ArrayList<>())
                        .add(cents(line.path("amount").asText()))));
        java.util.Set<String> known = new java.util.HashSet<>();
        for (ClientRecord.Operation op : transfers) {
            known.add(op.transferId);
            Map<String, List<Long>> mine = new HashMap<>(lines.getOrDefault(op.transferId, Map.of()));
            if (op.interbank) {
                // the payee's bank credits under its own record of the payment, in-<id of the credit transfer>
                String incoming = "in-" + op.transferId + "-pacs008";
                known.add(incoming);
                lines.getOrDefault(incoming, Map.of()).forEach((k, v) -> mine.merge(k, v, (a, b) -> {
                    List<Long> both = new ArrayList<>(a);
                    both.addAll(b);
                    return both;
                }));
            }
            List<Long> debits = mine.getOrDefault(op.iban + " TRANSFER_DEBIT", List.of());
            List<Long> refunds = mine.getOrDefault(op.iban + " REFUND", List.of());
            List<Long> credits = mine.getOrDefault(op.creditor + " TRANSFER_CREDIT", List.of());
            long others = mine.entrySet().stream().filter(e -> !e.getKey().equals(op.iban + " TRANSFER_DEBIT")
                    && !e.getKey().equals(op.iban + " REFUND") && !e.getKey().equals(op.creditor + " TRANSFER_CREDIT"))
                    .mapToLong(e -> e.getValue().size()).sum();
            boolean ok = others == 0 && ("COMPLETED".equals(op.finalStatus)
                    ? debits.equals(List.of(-op.cents)) && credits.equals(List.of(op.cents)) && refunds.isEmpty()
                    : credits.isEmpty() && (debits.isEmpty() && refunds.isEmpty()
                            || debits.equals(List.of(-op.cents)) && refunds.equals(List.of(op.cents))));
            if (!ok) {
                wrong.put(op.transferId, op.finalStatus + " of " + euros(op.cents) + " with lines " + mine);
            }
        }
        lines.keySet().stream().filter(id -> !known.contains(id))
                .forEach(id -> wrong.put(id, "a transfer the client never made (or was refused): " + lines.get(id)));

        Map<String, String> below = new LinkedHashMap<>();
        byAccount.forEach((iban, statement) -> statement.stream()
                .filter(line -> cents(line.path("balanceAfter").asText()) < 0).findFirst()
                .ifPresent(line -> below.put(iban, "line " + line.path("sequence").asText() + " left "
                        + line.path("balanceAfter").asText())));
        return List.of(new Check("every statement line is one of the client's accepted requests, of its amount, as"
                        + " its transfer's status says", wrong.isEmpty(),
                        wrong.isEmpty() ? "all " + record.accounts.size() + " statements, " + transfers.size()
                                + " transfers" : first(wrong)),
                new Check("no balance went below its limit (0.00) at any point of the run", below.isEmpty(),
                        below.isEmpty() ? "none, in " + record.accounts.size() + " statements" : first(below)));
    }

    private Check settlements() {
        ApiClient.Answer answer = api.until("GET", "/admin/settlements", null, null, Instant.now().plusSeconds(30),
                ApiClient.Answer::ok);
        if (!answer.ok() || !answer.body().path("items").isArray()) {
            return new Check("settlement positions net to zero", false, "no answer: " + answer.status());
        }
        Map<String, Long> net = new LinkedHashMap<>();
        List<String> positions = new ArrayList<>();
        for (JsonNode position : answer.body().path("items")) {
            net.merge(position.path("currency").asText(), cents(position.path("netPosition").asText()), Long::sum);
            positions.add(position.path("bankCode").asText() + " " + position.path("netPosition").asText() + " "
                    + position.path("currency").asText());
        }
        boolean ok = net.values().stream().allMatch(cents -> cents == 0);
        return new Check("settlement positions net to zero", ok, (ok ? "" : "net " + net + "; ") + positions);
    }

    /** Accounts, statements and transfers as the API answers them, without the parts that say how current they are. */
    Map<String, String> readModels() {
        Map<String, String> answers = new LinkedHashMap<>();
        for (ClientRecord.Account account : record.accounts) {
            JsonNode read = api.until("GET", "/accounts/" + account.iban(), null, null, Instant.now().plusSeconds(30),
                    ApiClient.Answer::ok).body();
            answers.put(account.iban(), stable(read));
            answers.put(account.iban() + "/transactions", statement(account.iban()).toString());
        }
        for (ClientRecord.Operation op : transfers()) {
            JsonNode read = api.until("GET", "/transfers/" + op.transferId, null, null, Instant.now().plusSeconds(30),
                    ApiClient.Answer::ok).body();
            answers.put(op.transferId, stable(read));
        }
        return answers;
    }

    /** Rebuilds every read model from the events and compares what the API answers before and after. */
    Check replayEqualsLive(Duration patience) {
        Map<String, String> before = readModels();
        ApiClient.Answer started = operator.call("POST", "/admin/projections/all/replay", null, null,
                Instant.now().plusSeconds(60));
        if (started.status() != 202) {
            return new Check("every read model equals a clean replay", false, "the replay did not start: "
                    + started.status() + " " + started.body());
        }
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            ApiClient.sleep(2000);
            ApiClient.Answer state = api.once("GET", "/admin/projections", null, null);
            if (state.ok() && allLive(state.body())) {
                break;
            }
        }
        Map<String, String> after = readModels();
        List<String> different = before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).toList();
        return new Check("every read model equals a clean replay", different.isEmpty(),
                different.isEmpty() ? before.size() + " answers equal after rebuilding all read models"
                        : different.size() + " differ, first " + different.get(0) + ":\n  before " + before.get(
                        different.get(0)) + "\n  after  " + after.get(different.get(0)));
    }

    private static boolean allLive(JsonNode projections) {
        JsonNode items = projections.path("items");
        for (JsonNode projection : items) {
            if (!"LIVE".equals(projection.path("state").asText())
                    || (projection.path("replay").isObject()
                    && "REPLAYING".equals(projection.path("replay").path("status").asText()))) {
                return false;
            }
        }
        return items.size() > 0;
    }

    private List<JsonNode> statement(String iban) {
        List<JsonNode> lines = new ArrayList<>();
        String cursor = null;
        do {
            ApiClient.Answer page = api.until("GET", "/accounts/" + iban + "/transactions?limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor), null, null, Instant.now().plusSeconds(30),
                    ApiClient.Answer::ok);
            if (!page.ok()) {
                break;
            }
            page.body().path("items").forEach(lines::add);
            cursor = page.text("next");
        } while (cursor != null);
        return lines;
    }

    private static String stable(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = object.deepCopy();
            copy.remove("asOf");
            return copy.toString();
        }
        return String.valueOf(node);
    }

    List<ClientRecord.Operation> transfers() {
        return record.operations.stream().filter(op -> op.kind == ClientRecord.Kind.TRANSFER
                && op.transferId != null).toList();
    }

    private long sum(ClientRecord.Kind kind) {
        return record.operations.stream().filter(op -> op.kind == kind && op.accepted()).mapToLong(op -> op.cents)
                .sum();
    }

    static long cents(String decimal) {
        return new BigDecimal(decimal).movePointRight(2).longValueExact();
    }

    static String euros(long cents) {
        return String.format("%,.2f EUR", BigDecimal.valueOf(cents, 2));
    }

    private static String first(Map<String, String> offenders) {
        StringBuilder text = new StringBuilder(offenders.size() + ":");
        offenders.entrySet().stream().limit(10).forEach(e -> text.append("\n  ").append(e.getKey()).append(": ")
                .append(e.getValue()));
        return text.toString();
    }
}
