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
 * right (no verification endpoint): it checks money conserved to the cent, every balance, no balance below its limit,
 * every transfer final in time with at most one debit and one credit line, settlement positions netting to zero, and
 * read models equal to a clean replay of the events.
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

        checks.add(statementLines(transfers));
        checks.add(settlements());
        return checks;
    }

    /** A COMPLETED transfer has one debit and one credit line; a FAILED one no credit and a refund per debit. */
    private Check statementLines(List<ClientRecord.Operation> transfers) {
        Map<String, Map<String, Integer>> lines = new HashMap<>();
        for (ClientRecord.Account account : record.accounts) {
            for (JsonNode line : statement(account.iban())) {
                String transferId = line.path("transferId").asText(null);
                if (transferId != null) {
                    lines.computeIfAbsent(transferId, t -> new HashMap<>())
                            .merge(line.path("kind").asText(), 1, Integer::sum);
                }
            }
        }
        Map<String, String> wrong = new LinkedHashMap<>();
        for (ClientRecord.Operation op : transfers) {
            Map<String, Integer> kinds = new HashMap<>(lines.getOrDefault(op.transferId, Map.of()));
            if (op.interbank) {
                // the payee's bank credits under its own record of the payment, in-<id of the credit transfer>
                lines.getOrDefault("in-" + op.transferId + "-pacs008", Map.of())
                        .forEach((kind, count) -> kinds.merge(kind, count, Integer::sum));
            }
            int debits = kinds.getOrDefault("TRANSFER_DEBIT", 0);
            int credits = kinds.getOrDefault("TRANSFER_CREDIT", 0);
            int refunds = kinds.getOrDefault("REFUND", 0);
            boolean ok = "COMPLETED".equals(op.finalStatus) ? debits == 1 && credits == 1 && refunds == 0
                    : debits <= 1 && credits == 0 && refunds == debits;
            if (!ok) {
                wrong.put(op.transferId, op.finalStatus + " with lines " + kinds);
            }
        }
        return new Check("each transfer has at most one debit and one credit line, as its status says",
                wrong.isEmpty(), wrong.isEmpty() ? "all " + transfers.size() + " transfers" : first(wrong));
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
