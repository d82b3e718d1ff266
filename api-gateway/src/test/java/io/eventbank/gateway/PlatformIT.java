package io.eventbank.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.eventbank.devstack.testing.ServiceUnderTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole platform as real processes (PostgreSQL, the Kafka broker and the four services), exercised through the
 * public API only, as a client would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

    private static final Duration READY = Duration.ofSeconds(150);
    private static final List<ServiceUnderTest> services = new ArrayList<>();
    private static String api;

    @BeforeAll
    static void start() {
        ServiceUnderTest accounts = new ServiceUnderTest("account-service", Map.of());
        ServiceUnderTest transfers = new ServiceUnderTest("transfer-saga", Map.of());
        ServiceUnderTest ledger = new ServiceUnderTest("ledger-projection", Map.of(
                "EVENTBANK_URL_ACCOUNT_SERVICE", accounts.baseUrl()));
        ServiceUnderTest gateway = new ServiceUnderTest("api-gateway", Map.of(
                "EVENTBANK_URL_ACCOUNT_SERVICE", accounts.baseUrl(),
                "EVENTBANK_URL_TRANSFER_SAGA", transfers.baseUrl(),
                "EVENTBANK_URL_LEDGER_PROJECTION", ledger.baseUrl()));
        for (ServiceUnderTest service : List.of(accounts, transfers, ledger, gateway)) {
            services.add(service.start(READY));
        }
        api = gateway.baseUrl() + "/api/v1";
    }

    @AfterAll
    static void stop() {
        services.forEach(ServiceUnderTest::close);
    }

    @Test
    @Order(1)
    void shouldListTheHostedBanks() {
        given().get(api + "/banks").then().statusCode(200)
                .body("code", org.hamcrest.Matchers.contains("10020030", "20030040"));
    }

    @Test
    @Order(2)
    void shouldMoveMoneyWithinABankRightToTheCent() {
        String alice = open("Alice", "10020030", "100.00");
        String bob = open("Bob", "10020030", "0");

        JsonPath transfer = transfer(alice, bob, "33.33", null);

        assertThat(transfer.getString("status")).isEqualTo("COMPLETED");
        assertThat(transfer.getList("timeline.type", String.class)).containsSubsequence("TransferRequestedEvent",
                "TransferDebitedEvent", "TransferCreditedEvent", "TransferCompletedEvent");
        assertBalance(alice, "66.67");
        assertBalance(bob, "33.33");
        JsonPath statement = given().get(api + "/accounts/{iban}/transactions", alice).then().statusCode(200)
                .extract().jsonPath();
        assertThat(statement.getList("items.kind", String.class)).containsExactly("TRANSFER_DEBIT", "DEPOSIT");
        assertThat(statement.getString("items[0].amount")).isEqualTo("-33.33");
    }

    @Test
    @Order(3)
    void shouldMoveMoneyToTheOtherBankThroughClearing() {
        String payer = open("Payer", "10020030", "50.00");
        String payee = open("Payee", "20030040", "0");

        JsonPath transfer = transfer(payer, payee, "20.01", null);

        assertThat(transfer.getString("status")).isEqualTo("COMPLETED");
        assertThat(transfer.getList("timeline.type", String.class)).contains("TransferSentToClearingEvent",
                "TransferAcceptedEvent");
        assertBalance(payer, "29.99");
        assertBalance(payee, "20.01");
    }

    @Test
    @Order(4)
    void shouldFailTransfersWithStableReasonsAndChangeNoMoney() {
        String poor = open("Poor", "10020030", "5.00");
        String closed = open("Closed", "20030040", "0");
        given().post(api + "/accounts/{iban}/close", closed).then().statusCode(200);
        String payer = open("Refunded", "10020030", "40.00");

        assertThat(transfer(poor, payer, "5.01", null).getString("failureReason")).isEqualTo("INSUFFICIENT_FUNDS");
        JsonPath rejected = transfer(payer, closed, "10.00", null);
        assertThat(rejected.getString("status")).isEqualTo("FAILED");
        assertThat(rejected.getString("failureReason")).isEqualTo("REJECTED_BY_CLEARING");
        assertBalance(poor, "5.00");
        assertBalance(payer, "40.00");

        String dollars = given().contentType(ContentType.JSON).body(Map.of("owner", "Dollar", "currency", "USD"))
                .post(api + "/accounts").then().statusCode(201).extract().path("iban");
        given().contentType(ContentType.JSON).body(Map.of("debtorIban", payer, "creditorIban", dollars,
                        "amount", "1.00", "currency", "EUR"))
                .post(api + "/transfers").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://eventbank.io/problems/currency-mismatch"))
                .body("field", org.hamcrest.Matchers.equalTo("creditorIban"));
    }

    @Test
    @Order(5)
    void shouldAnswerARetryWithTheFirstAnswerAndMakeOneTransferForConcurrentRequests() throws Exception {
        String payer = open("Retry", "10020030", "100.00");
        String payee = open("Once", "10020030", "0");
        String key = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("debtorIban", payer, "creditorIban", payee, "amount", "10.00",
                "currency", "EUR");

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(pool.submit(() -> given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body(body).post(api + "/transfers")));
        }
        Set<String> ids = new HashSet<>();
        for (Future<Response> answer : answers) {
            Response response = answer.get();
            assertThat(response.statusCode()).isIn(202, 409);
            if (response.statusCode() == 202) {
                ids.add(response.jsonPath().getString("transferId"));
            }
        }
        pool.shutdown();
        Response retry = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(api + "/transfers");
        ids.add(retry.jsonPath().getString("transferId"));
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(ids).hasSize(1);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("debtorIban", payer, "creditorIban", payee, "amount", "11.00", "currency", "EUR"))
                .post(api + "/transfers").then().statusCode(422)
                .body("code", org.hamcrest.Matchers.equalTo("IDEMPOTENCY_KEY_REUSED"));
        awaitFinal(ids.iterator().next());
        assertBalance(payer, "90.00");
    }

    @Test
    @Order(6)
    void shouldStreamATransfersEventsInOrderAndResumeAfterTheLastOne() throws Exception {
        String payer = open("Streamed", "10020030", "10.00");
        String payee = open("Watcher", "10020030", "0");
        HttpClient http = HttpClient.newHttpClient();
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> ids = new CopyOnWriteArrayList<>();
        List<String> data = new CopyOnWriteArrayList<>();
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(
                        URI.create(api + "/events/stream?account=" + payer)).header("Accept", "text/event-stream")
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> read(stream, seen, ids, data));
        reader.setDaemon(true);
        reader.start();

        transfer(payer, payee, "4.00", null);
        transfer(payer, payee, "1.00", null);
        awaitSize(seen, 4);
        Thread.sleep(1000);
        stream.body().close();

        // each transfer's leg request (bank.transfer.events, keyed by transfer) and the payer's debits
        // (bank.account.events, keyed by IBAN): every key's events in their order, as DESIGN promises; the two
        // topics interleave as the ledger applies them (no order across keys)
        assertThat(seen).containsExactlyInAnyOrder("AccountLegRequestedEvent", "AccountLegRequestedEvent",
                "AccountDebitedEvent", "AccountDebitedEvent");
        List<Long> payerSequences = data.stream().map(io.restassured.path.json.JsonPath::from)
                .filter(event -> payer.equals(event.getString("aggregateId")))
                .map(event -> event.getLong("sequence")).toList();
        assertThat(payerSequences).as("the payer's events in sequence order").containsExactly(2L, 3L);
        HttpResponse<java.io.InputStream> resumed = http.send(HttpRequest.newBuilder(
                        URI.create(api + "/events/stream?account=" + payer)).header("Accept", "text/event-stream")
                .header("Last-Event-ID", ids.get(ids.size() - 1)).build(), HttpResponse.BodyHandlers.ofInputStream());
        List<String> afterResume = new CopyOnWriteArrayList<>();
        Thread second = new Thread(() -> read(resumed, afterResume, new ArrayList<>(), new ArrayList<>()));
        second.setDaemon(true);
        second.start();
        given().contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
                .post(api + "/accounts/{iban}/deposits", payer).then().statusCode(200);
        awaitSize(afterResume, 1);
        resumed.body().close();
        assertThat(afterResume).containsExactly("MoneyDepositedEvent");
    }

    @Test
    @Order(7)
    void shouldAnswerTheSameAfterAReplay() {
        String payer = open("Replayed", "10020030", "10.00");
        JsonPath transfer = transfer(payer, open("Other", "20030040", "0"), "2.50", null);
        String before = stable(given().get(api + "/accounts/{iban}", payer).asString());
        String statementBefore = stable(given().get(api + "/accounts/{iban}/transactions", payer).asString());
        String transferBefore = stable(given().get(api + "/transfers/{id}", transfer.getString("transferId"))
                .asString());

        given().post(api + "/admin/projections/all/replay").then().statusCode(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && given().get(api + "/admin/projections").jsonPath()
                .getList("state", String.class).contains("REPLAYING")) {
            given().get(api + "/accounts/{iban}", payer).then().statusCode(200);
        }

        assertThat(given().get(api + "/admin/projections").jsonPath().getList("state", String.class))
                .containsOnly("LIVE");
        assertThat(stable(given().get(api + "/accounts/{iban}", payer).asString())).isEqualTo(before);
        assertThat(stable(given().get(api + "/accounts/{iban}/transactions", payer).asString()))
                .isEqualTo(statementBefore);
        assertThat(stable(given().get(api + "/transfers/{id}", transfer.getString("transferId")).asString()))
                .isEqualTo(transferBefore);
        given().get(api + "/admin/verification").then().statusCode(200).body("ok", org.hamcrest.Matchers.is(true));
    }

    @Test
    @Order(8)
    void shouldRefuseThousandsOfMalformedRequestsWithProblemsAndChangeNothing() throws InterruptedException {
        String payer = open("Fuzzed", "10020030", "10.00");
        long settled = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (eventsOf(payer) < 2 && System.nanoTime() < settled) {
            Thread.onSpinWait();
        }
        int eventsBefore = eventsOf(payer);
        assertThat(eventsBefore).as("the opening and the deposit are in the audit log").isEqualTo(2);
        // read once the deposit is projected (reads are eventually consistent: before, it could still say 0.00)
        String before = given().get(api + "/accounts/{iban}", payer).then().extract().path("balance");
        assertThat(before).isEqualTo("10.00");
        int openedBefore = opened();
        Random random = new Random(42);
        List<String> paths = List.of("/accounts", "/accounts/" + payer + "/deposits",
                "/accounts/" + payer + "/withdrawals", "/transfers");
        int requests = 0;
        for (int i = 0; i < 1500; i++) {
            String path = paths.get(random.nextInt(paths.size()));
            String body = Fuzz.body(random, payer);
            Response response = given().contentType(random.nextInt(10) == 0 ? "text/plain" : "application/json")
                    .body(body).post(api + path);
            requests++;
            assertThat(response.statusCode()).as(path + " " + body).isBetween(400, 499);
            assertThat(response.contentType()).as(path + " " + body).startsWith("application/problem+json");
        }
        for (String path : List.of("/accounts/%s", "/accounts/%s/transactions?limit=%s", "/transfers/%s",
                "/events?cursor=%s", "/events?from=%s", "/transfers/x?wait=%s")) {
            for (int i = 0; i < 100; i++) {
                String garbage = Fuzz.text(random);
                int status = given().urlEncodingEnabled(true).get(api + String.format(path, garbage, garbage))
                        .statusCode();
                requests++;
                assertThat(status).as(path + " " + garbage).isLessThan(500);
            }
        }
        assertThat(requests).isGreaterThan(2000);
        assertThat((String) given().get(api + "/accounts/{iban}", payer).then().extract().path("balance"))
                .isEqualTo(before);
        assertThat(eventsOf(payer)).as("events of the fuzzed account").isEqualTo(eventsBefore);
        assertThat(opened()).as("accounts opened").isEqualTo(openedBefore);
    }

    @Test
    @Order(9)
    void shouldRefuseWhatAHostileCustomerTriesAndChangeNothing() {
        String mallory = open("Mallory", "10020030", "100.00");
        String clearing = io.eventbank.contracts.Clearing.accountOf("10020030", "EUR");
        String problems = "https://eventbank.io/problems/";

        // a bank's clearing account as debtor, or as creditor, of a customer's transfer
        given().contentType(ContentType.JSON).body(Map.of("debtorIban", clearing, "creditorIban", mallory,
                        "amount", "1000000.00", "currency", "EUR")).post(api + "/transfers")
                .then().statusCode(403).body("type", org.hamcrest.Matchers.equalTo(problems + "clearing-account"));
        given().contentType(ContentType.JSON).body(Map.of("debtorIban", mallory, "creditorIban",
                        io.eventbank.contracts.Iban.printable(clearing).toLowerCase(), "amount", "1.00",
                        "currency", "EUR")).post(api + "/transfers")
                .then().statusCode(403).body("field", org.hamcrest.Matchers.equalTo("creditorIban"));
        given().contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
                .post(api + "/accounts/{iban}/withdrawals", clearing).then().statusCode(403);

        // an overdraft of one's own choosing
        given().contentType(ContentType.JSON).body(Map.of("owner", "Mallory", "currency", "EUR",
                        "overdraftLimit", "90000000000000000.00")).post(api + "/accounts")
                .then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("overdraftLimit"));
        given().contentType(ContentType.JSON).body(Map.of("amount", "5000000.00"))
                .post(api + "/accounts/{iban}/withdrawals", mallory).then().statusCode(422)
                .body("type", org.hamcrest.Matchers.equalTo(problems + "insufficient-funds"));
        given().contentType(ContentType.JSON).body(Map.of("limit", "90000000000000000.00"))
                .put(api + "/admin/accounts/{iban}/overdraft-limit", mallory).then().statusCode(422)
                .body("type", org.hamcrest.Matchers.equalTo(problems + "overdraft-limit-too-high"));
        given().contentType(ContentType.JSON).body(Map.of("limit", "100.00"))
                .put(api + "/accounts/{iban}/overdraft-limit", mallory).then().statusCode(org.hamcrest.Matchers
                        .oneOf(404, 405));

        // text that a read model cannot hold or that garbles what others see
        for (String reference : List.of("\u0000", "rent\u202Eevil", "\u2066x", "a\r\nb", "r".repeat(141))) {
            given().contentType(ContentType.JSON).body(Map.of("amount", "50.00", "reference", reference))
                    .post(api + "/accounts/{iban}/withdrawals", mallory).then().statusCode(400)
                    .body("field", org.hamcrest.Matchers.equalTo("reference"));
        }
        given().contentType(ContentType.JSON).body(Map.of("owner", "\u202Eyrollam", "currency", "EUR"))
                .post(api + "/accounts").then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("owner"));

        // one deposit, however the retry spells it; a hostile correlation id is not kept
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Map.of("amount", "10"))
                .post(api + "/accounts/{iban}/deposits", mallory).then().statusCode(200);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .header("X-Correlation-Id", "<script>\u0007").body(Map.of("amount", "10.00"))
                .post(api + "/accounts/{iban}/deposits", io.eventbank.contracts.Iban.printable(mallory).toLowerCase()
                        .replace(" ", ""))
                .then().statusCode(200).header("Idempotency-Replayed", "true")
                .header("X-Correlation-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"));

        // an operator's limit lets the account go below zero, as far as the limit and no further
        given().contentType(ContentType.JSON).body(Map.of("limit", "50.00"))
                .put(api + "/admin/accounts/{iban}/overdraft-limit", mallory).then().statusCode(200)
                .body("overdraftLimit", org.hamcrest.Matchers.equalTo("50.00"));
        given().contentType(ContentType.JSON).body(Map.of("amount", "160.01"))
                .post(api + "/accounts/{iban}/withdrawals", mallory).then().statusCode(422);
        given().contentType(ContentType.JSON).body(Map.of("amount", "160.00"))
                .post(api + "/accounts/{iban}/withdrawals", mallory).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("amount", "160.00"))
                .post(api + "/accounts/{iban}/deposits", mallory).then().statusCode(200);

        assertBalance(mallory, "110.00");
        assertThat(given().get(api + "/accounts/{iban}/transactions", mallory).jsonPath()
                .getList("items.kind", String.class)).containsExactly("DEPOSIT", "WITHDRAWAL", "DEPOSIT", "DEPOSIT");
        given().get(api + "/admin/verification").then().statusCode(200).body("ok", org.hamcrest.Matchers.is(true));
    }

    private static int eventsOf(String iban) {
        return given().queryParam("account", iban).queryParam("limit", "500").get(api + "/events").jsonPath()
                .getList("items").size();
    }

    private static int opened() {
        return given().queryParam("type", "AccountOpenedEvent").queryParam("limit", "500").get(api + "/events")
                .jsonPath().getList("items").size();
    }

    private static String stable(String json) {
        return json.replaceAll("\"position\":\\{[^}]*\\}\\}?", "").replaceAll("\"lastEventAt\":\"[^\"]*\"", "");
    }

    private static void read(HttpResponse<java.io.InputStream> response, List<String> types, List<String> ids,
            List<String> data) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    types.add(line.substring(6).strip());
                } else if (line.startsWith("id:")) {
                    ids.add(line.substring(3).strip());
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).strip());
                }
            }
        } catch (java.io.IOException closed) {
            // the test closed the stream
        }
    }

    private static void awaitSize(List<String> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static String open(String owner, String bank, String balance) {
        String iban = given().contentType(ContentType.JSON)
                .body(Map.of("owner", owner, "currency", "EUR", "bankCode", bank))
                .post(api + "/accounts").then().statusCode(201).extract().path("iban");
        if (!balance.equals("0")) {
            given().contentType(ContentType.JSON).body(Map.of("amount", balance))
                    .post(api + "/accounts/{iban}/deposits", iban).then().statusCode(200);
        }
        return iban;
    }

    private static JsonPath transfer(String debtor, String creditor, String amount, String key) {
        var request = given().contentType(ContentType.JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        String id = request.body(Map.of("debtorIban", debtor, "creditorIban", creditor, "amount", amount,
                        "currency", "EUR", "reference", "it"))
                .post(api + "/transfers").then().statusCode(202).header("Location", org.hamcrest.Matchers
                        .startsWith("/api/v1/transfers/")).extract().path("transferId");
        return awaitFinal(id);
    }

    private static JsonPath awaitFinal(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonPath transfer;
        do {
            transfer = given().queryParam("wait", "10s").get(api + "/transfers/{id}", id).then().statusCode(200)
                    .extract().jsonPath();
        } while (!List.of("COMPLETED", "FAILED").contains(transfer.getString("status"))
                && System.nanoTime() < deadline);
        return transfer;
    }

    /** Balances are read from the read model, which follows the events: wait until it shows the expected one. */
    private static void assertBalance(String iban, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String balance;
        do {
            balance = given().get(api + "/accounts/{iban}", iban).then().statusCode(200).extract().path("balance");
        } while (!balance.equals(expected) && System.nanoTime() < deadline);
        assertThat(balance).as("balance of " + iban).isEqualTo(expected);
    }
}
