package io.eventbank.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

import io.eventbank.devstack.testing.PlatformUnderTest;
import io.eventbank.devstack.testing.ServiceUnderTest;
import io.eventbank.devstack.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
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

    private static PlatformUnderTest platform;
    private static String api;
    private static String gatewayUrl;
    /** account-service, transfer-saga, ledger-projection, risk-engine. */
    private static List<ServiceUnderTest> internal;
    private static final String OPERATOR = TestTokens.operator();
    private static final String AUDITOR = TestTokens.auditor();
    /** Each account's customer: its owner's token, by IBAN. */
    private static final Map<String, String> owners = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        platform = PlatformUnderTest.start(Map.of(
                // low limits, so that a test reaches them; each test's customers stay below
                "EVENTBANK_GATEWAY_RATE_LIMIT_WRITES_PER_SECOND", "2",
                "EVENTBANK_GATEWAY_RATE_LIMIT_BURST", "40",
                "EVENTBANK_GATEWAY_STREAMS_PER_SUBJECT", "2",
                // the tests poll the read models as one auditor as fast as they answer: reads are not what they limit
                "EVENTBANK_GATEWAY_RATE_LIMIT_READS_PER_SECOND", "10000",
                "EVENTBANK_GATEWAY_RATE_LIMIT_READ_BURST", "10000"));
        gatewayUrl = platform.gatewayUrl();
        api = gatewayUrl + "/api/v1";
        internal = platform.internal();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void shouldListTheHostedBanks() {
        as(customer("banker")).get(api + "/banks").then().statusCode(200)
                .body("items.bankCode", org.hamcrest.Matchers.contains("10020030", "20030040"))
                .body("next", org.hamcrest.Matchers.nullValue());
    }

    /**
     * A same-bank transfer transfer-saga made before account-service booked them by itself (the platform upgraded
     * since), asked again with its key: the gateway finds it there, and nothing moves twice. Ordered first: the gateway
     * stops asking once it has learnt that the saga holds none.
     */
    @Test
    @Order(1)
    void shouldFindASameBankTransferTheSagaMadeBeforeTheUpgradeByItsKey() throws Exception {
        String subject = "legacy-" + UUID.randomUUID();
        String token = customer(subject);
        String payer = as(token).contentType(ContentType.JSON)
                .body(Map.of("owner", "Legacy", "currency", "EUR", "bankCode", "10020030"))
                .post(api + "/accounts").then().statusCode(201).extract().path("iban");
        owners.put(payer, token);
        as(token).contentType(ContentType.JSON).body(Map.of("amount", "10.00"))
                .post(api + "/accounts/{iban}/deposits", payer).then().statusCode(200);
        String payee = open("Legacy payee", "10020030", "0");
        String key = "before-the-upgrade-" + UUID.randomUUID();
        // as the gateway sent it before: to transfer-saga, under the caller's key
        String callerKey = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest((subject + "\n" + key).getBytes(StandardCharsets.UTF_8))).substring(0, 40);
        String id = given().contentType(ContentType.JSON).header("Idempotency-Key", callerKey)
                .body(Map.of("debtorIban", payer, "creditorIban", payee, "amount", "4", "currency", "EUR",
                        "reference", "it"))
                .post(internal.get(1).baseUrl() + "/v1/transfers").then().statusCode(202).extract().path("transferId");
        assertThat(awaitFinal(id).getString("status")).isEqualTo("COMPLETED");

        Response again = owner(payer).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("debtorIban", payer, "creditorIban", payee, "amount", "4.00", "currency", "EUR",
                        "reference", "it"))
                .post(api + "/transfers");
        Response other = owner(payer).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("debtorIban", payer, "creditorIban", payee, "amount", "5.00", "currency", "EUR",
                        "reference", "it"))
                .post(api + "/transfers");

        again.then().statusCode(202).header("Idempotency-Replayed", "true")
                .body("transferId", org.hamcrest.Matchers.equalTo(id));
        other.then().statusCode(422).body("code", org.hamcrest.Matchers.equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertBalance(payer, "6.00");
        assertBalance(payee, "4.00");
    }

    @Test
    @Order(2)
    void shouldMoveMoneyWithinABankRightToTheCent() {
        String alice = open("Alice", "10020030", "100.00");
        String bob = open("Bob", "10020030", "0");

        JsonPath transfer = transfer(alice, bob, "33.33", null);

        assertThat(transfer.getString("status")).isEqualTo("COMPLETED");
        // booked by account-service alone: the payer's debit and the payee's credit, one transaction, no saga
        assertThat(transfer.getList("timeline.type", String.class)).containsExactly("AccountDebitedEvent",
                "AccountCreditedEvent");
        assertThat(transfer.getBoolean("interbank")).isFalse();
        assertBalance(alice, "66.67");
        assertBalance(bob, "33.33");
        JsonPath statement = owner(alice).get(api + "/accounts/{iban}/transactions", alice).then().statusCode(200)
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
        as(OPERATOR).post(api + "/accounts/{iban}/close", closed).then().statusCode(200);
        String payer = open("Refunded", "10020030", "40.00");

        assertThat(transfer(poor, payer, "5.01", null).getString("failureReason")).isEqualTo("INSUFFICIENT_FUNDS");
        JsonPath rejected = transfer(payer, closed, "10.00", null);
        assertThat(rejected.getString("status")).isEqualTo("FAILED");
        assertThat(rejected.getString("failureReason")).isEqualTo("REJECTED_BY_CLEARING");
        assertBalance(poor, "5.00");
        assertBalance(payer, "40.00");

        String dollars = as(customer("dollar")).contentType(ContentType.JSON)
                .body(Map.of("owner", "Dollar", "currency", "USD"))
                .post(api + "/accounts").then().statusCode(201).extract().path("iban");
        owner(payer).contentType(ContentType.JSON).body(Map.of("debtorIban", payer, "creditorIban", dollars,
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
            answers.add(pool.submit(() -> owner(payer).contentType(ContentType.JSON).header("Idempotency-Key", key)
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
        Response retry = owner(payer).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(api + "/transfers");
        ids.add(retry.jsonPath().getString("transferId"));
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(ids).hasSize(1);
        owner(payer).contentType(ContentType.JSON).header("Idempotency-Key", key)
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
        // to the other bank: the payer's events come from two topics (its leg requests, keyed by transfer, and its
        // debits, keyed by IBAN)
        String payee = open("Watcher", "20030040", "0");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> ids = new CopyOnWriteArrayList<>();
        List<String> data = new CopyOnWriteArrayList<>();
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(
                        URI.create(api + "/events/stream?account=" + payer)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + owners.get(payer)).build(), HttpResponse.BodyHandlers.ofInputStream());
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
                .header("Authorization", "Bearer " + AUDITOR)
                .header("Last-Event-ID", ids.get(ids.size() - 1)).build(), HttpResponse.BodyHandlers.ofInputStream());
        List<String> afterResume = new CopyOnWriteArrayList<>();
        Thread second = new Thread(() -> read(resumed, afterResume, new ArrayList<>(), new ArrayList<>()));
        second.setDaemon(true);
        second.start();
        owner(payer).contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
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
        String before = stable(owner(payer).get(api + "/accounts/{iban}", payer).asString());
        String statementBefore = stable(owner(payer).get(api + "/accounts/{iban}/transactions", payer).asString());
        String transferBefore = stable(owner(payer).get(api + "/transfers/{id}", transfer.getString("transferId"))
                .asString());

        as(OPERATOR).post(api + "/admin/projections/all/replay").then().statusCode(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && as(OPERATOR).get(api + "/admin/projections").jsonPath()
                .getList("items.state", String.class).contains("REPLAYING")) {
            owner(payer).get(api + "/accounts/{iban}", payer).then().statusCode(200);
        }

        assertThat(as(OPERATOR).get(api + "/admin/projections").jsonPath().getList("items.state", String.class))
                .containsOnly("LIVE");
        assertThat(stable(owner(payer).get(api + "/accounts/{iban}", payer).asString())).isEqualTo(before);
        assertThat(stable(owner(payer).get(api + "/accounts/{iban}/transactions", payer).asString()))
                .isEqualTo(statementBefore);
        assertThat(stable(owner(payer).get(api + "/transfers/{id}", transfer.getString("transferId")).asString()))
                .isEqualTo(transferBefore);
        assertVerified();
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
        String before = owner(payer).get(api + "/accounts/{iban}", payer).then().extract().path("balance");
        assertThat(before).isEqualTo("10.00");
        int openedBefore = opened();
        Random random = new Random(42);
        List<String> paths = List.of("/accounts", "/accounts/" + payer + "/deposits",
                "/accounts/" + payer + "/withdrawals", "/transfers");
        int requests = 0;
        for (int i = 0; i < 1500; i++) {
            String path = paths.get(random.nextInt(paths.size()));
            String body = Fuzz.body(random, payer);
            Response response = owner(payer).contentType(random.nextInt(10) == 0 ? "text/plain" : "application/json")
                    .body(body).post(api + path);
            requests++;
            assertThat(response.statusCode()).as(path + " " + body).isBetween(400, 499);
            assertThat(response.contentType()).as(path + " " + body).startsWith("application/problem+json");
        }
        for (String path : List.of("/accounts/%s", "/accounts/%s/transactions?limit=%s", "/transfers/%s",
                "/events?cursor=%s", "/events?from=%s", "/transfers/x?wait=%s")) {
            for (int i = 0; i < 100; i++) {
                String garbage = Fuzz.text(random);
                int status = owner(payer).urlEncodingEnabled(true).get(api + String.format(path, garbage, garbage))
                        .statusCode();
                requests++;
                assertThat(status).as(path + " " + garbage).isLessThan(500);
            }
        }
        assertThat(requests).isGreaterThan(2000);
        assertThat((String) owner(payer).get(api + "/accounts/{iban}", payer).then().extract().path("balance"))
                .isEqualTo(before);
        assertThat(eventsOf(payer)).as("events of the fuzzed account").isEqualTo(eventsBefore);
        assertThat(opened()).as("accounts opened").isEqualTo(openedBefore);
    }

    @Test
    @Order(9)
    void shouldRefuseWhatAHostileCustomerTriesAndChangeNothing() {
        String mallory = open("Mallory", "10020030", "100.00");
        String clearing = io.eventbank.contracts.Clearing.accountOf("10020030", "EUR", 7);
        String problems = "https://eventbank.io/problems/";

        // a bank's clearing account as debtor, or as creditor, of a customer's transfer
        owner(mallory).contentType(ContentType.JSON).body(Map.of("debtorIban", clearing, "creditorIban", mallory,
                        "amount", "1000000.00", "currency", "EUR")).post(api + "/transfers")
                .then().statusCode(403).body("type", org.hamcrest.Matchers.equalTo(problems + "clearing-account"));
        owner(mallory).contentType(ContentType.JSON).body(Map.of("debtorIban", mallory, "creditorIban",
                        io.eventbank.contracts.Iban.printable(clearing).toLowerCase(), "amount", "1.00",
                        "currency", "EUR")).post(api + "/transfers")
                .then().statusCode(403).body("field", org.hamcrest.Matchers.equalTo("creditorIban"));
        owner(mallory).contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
                .post(api + "/accounts/{iban}/withdrawals", clearing).then().statusCode(404); // no customer owns it

        // an overdraft of one's own choosing
        owner(mallory).contentType(ContentType.JSON).body(Map.of("owner", "Mallory", "currency", "EUR",
                        "overdraftLimit", "90000000000000000.00")).post(api + "/accounts")
                .then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("overdraftLimit"));
        owner(mallory).contentType(ContentType.JSON).body(Map.of("amount", "5000000.00"))
                .post(api + "/accounts/{iban}/withdrawals", mallory).then().statusCode(422)
                .body("type", org.hamcrest.Matchers.equalTo(problems + "insufficient-funds"));
        as(OPERATOR).contentType(ContentType.JSON).body(Map.of("limit", "90000000000000000.00"))
                .put(api + "/admin/accounts/{iban}/overdraft-limit", mallory).then().statusCode(422)
                .body("type", org.hamcrest.Matchers.equalTo(problems + "overdraft-limit-too-high"));
        owner(mallory).contentType(ContentType.JSON).body(Map.of("limit", "100.00"))
                .put(api + "/accounts/{iban}/overdraft-limit", mallory).then().statusCode(org.hamcrest.Matchers
                        .oneOf(404, 405));

        // text that a read model cannot hold or that garbles what others see
        for (String reference : List.of("\u0000", "rent\u202Eevil", "\u2066x", "a\r\nb", "r".repeat(141))) {
            owner(mallory).contentType(ContentType.JSON).body(Map.of("amount", "50.00", "reference", reference))
                    .post(api + "/accounts/{iban}/withdrawals", mallory).then().statusCode(400)
                    .body("field", org.hamcrest.Matchers.equalTo("reference"));
        }
        owner(mallory).contentType(ContentType.JSON).body(Map.of("owner", "\u202Eyrollam", "currency", "EUR"))
                .post(api + "/accounts").then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("owner"));

        // one deposit, however the retry spells it; a hostile correlation id is not kept
        String key = UUID.randomUUID().toString();
        owner(mallory).contentType(ContentType.JSON).header("Idempotency-Key", key).body(Map.of("amount", "10"))
                .post(api + "/accounts/{iban}/deposits", mallory).then().statusCode(200);
        owner(mallory).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .header("X-Correlation-Id", "<script>\u0007").body(Map.of("amount", "10.00"))
                .post(api + "/accounts/{iban}/deposits", io.eventbank.contracts.Iban.printable(mallory).toLowerCase()
                        .replace(" ", ""))
                .then().statusCode(200).header("Idempotency-Replayed", "true")
                .header("X-Correlation-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"));

        // an operator's limit lets the account go below zero, as far as the limit and no further
        as(OPERATOR).contentType(ContentType.JSON).body(Map.of("limit", "50.00"))
                .put(api + "/admin/accounts/{iban}/overdraft-limit", mallory).then().statusCode(200)
                .body("overdraftLimit", org.hamcrest.Matchers.equalTo("50.00"));
        owner(mallory).contentType(ContentType.JSON).body(Map.of("amount", "160.01"))
                .post(api + "/accounts/{iban}/withdrawals", mallory).then().statusCode(422);
        owner(mallory).contentType(ContentType.JSON).body(Map.of("amount", "160.00"))
                .post(api + "/accounts/{iban}/withdrawals", mallory).then().statusCode(200);
        owner(mallory).contentType(ContentType.JSON).body(Map.of("amount", "160.00"))
                .post(api + "/accounts/{iban}/deposits", mallory).then().statusCode(200);

        assertBalance(mallory, "110.00");
        assertThat(owner(mallory).get(api + "/accounts/{iban}/transactions", mallory).jsonPath()
                .getList("items.kind", String.class)).containsExactly("DEPOSIT", "WITHDRAWAL", "DEPOSIT", "DEPOSIT");
        assertVerified();
    }

    @Test
    @Order(10)
    void shouldLetACustomerReachItsOwnMoneyAndNobodyElses() throws Exception {
        String alice = open("Alice", "10020030", "100.00");
        String eve = open("Eve", "10020030", "1.00");
        String eveToken = owners.get(eve);
        String key = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("debtorIban", alice, "creditorIban", eve, "amount", "10.00",
                "currency", "EUR");
        String transferId = owner(alice).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(api + "/transfers").then().statusCode(202).extract().path("transferId");
        awaitFinal(transferId);

        // each lists its own accounts, and only those
        assertThat(owner(alice).get(api + "/accounts").then().statusCode(200).extract().jsonPath()
                .getList("items.iban", String.class)).containsExactly(alice);
        assertThat(as(eveToken).get(api + "/accounts").then().statusCode(200).extract().jsonPath()
                .getList("items.iban", String.class)).containsExactly(eve);

        // every path to Alice's account and transfer answers Eve as if they did not exist
        for (String path : List.of("/accounts/" + alice, "/accounts/" + alice + "/transactions",
                "/events?account=" + alice)) {
            as(eveToken).get(api + path).then().statusCode(404).body("code", org.hamcrest.Matchers.equalTo(
                    "UNKNOWN_ACCOUNT"));
        }
        as(eveToken).get(api + "/events").then().statusCode(403);
        as(eveToken).get(api + "/events?transfer=" + transferId).then().statusCode(403);
        String unrelated = open("Unrelated", "10020030", "0");
        String elsewhere = transfer(alice, unrelated, "1.00", null).getString("transferId");
        as(eveToken).get(api + "/transfers/{id}", elsewhere).then().statusCode(404)
                .body("code", org.hamcrest.Matchers.equalTo("UNKNOWN_TRANSFER"));
        // a transfer that paid Eve is hers to see too
        as(eveToken).get(api + "/transfers/{id}", transferId).then().statusCode(200);
        HttpResponse<Void> stream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                        URI.create(api + "/events/stream?account=" + alice)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + eveToken).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(stream.statusCode()).isEqualTo(404);

        // nor can she move it: a withdrawal, a deposit of hers into the account, a transfer out of it
        as(eveToken).contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
                .post(api + "/accounts/{iban}/withdrawals", alice).then().statusCode(404);
        as(eveToken).contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
                .post(api + "/accounts/{iban}/deposits", alice).then().statusCode(404);
        as(eveToken).contentType(ContentType.JSON).body(Map.of("debtorIban", alice, "creditorIban", eve,
                "amount", "50.00", "currency", "EUR")).post(api + "/transfers").then().statusCode(404)
                .body("field", org.hamcrest.Matchers.equalTo("debtorIban"));
        // Alice's idempotency key replays nothing of hers to Eve: the same key and body are a new request of Eve's
        as(eveToken).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(api + "/transfers").then().statusCode(404);
        // two customers may use the same key for requests of their own
        String evesTransfer = as(eveToken).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("debtorIban", eve, "creditorIban", alice, "amount", "1.00", "currency", "EUR"))
                .post(api + "/transfers").then().statusCode(202).header("Idempotency-Replayed",
                        org.hamcrest.Matchers.nullValue()).extract().path("transferId");
        assertThat(evesTransfer).isNotEqualTo(transferId);
        awaitFinal(evesTransfer);
        // a customer may pay any valid IBAN, but an operator or auditor moves nobody's money
        for (String staff : List.of(OPERATOR, AUDITOR)) {
            as(staff).contentType(ContentType.JSON).body(body).post(api + "/transfers").then().statusCode(403);
            as(staff).contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
                    .post(api + "/accounts/{iban}/withdrawals", alice).then().statusCode(403);
        }
        // a person who is both a customer and an operator reads any account, but moves only its own money
        String both = TestTokens.withRoles("olga-" + UUID.randomUUID(), "customer", "operator");
        as(both).get(api + "/accounts/{iban}", alice).then().statusCode(200);
        as(both).contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
                .post(api + "/accounts/{iban}/withdrawals", alice).then().statusCode(404);
        as(both).contentType(ContentType.JSON).body(body).post(api + "/transfers").then().statusCode(404);
        as(AUDITOR).post(api + "/accounts/{iban}/freeze", alice).then().statusCode(403);
        owner(alice).post(api + "/accounts/{iban}/freeze", alice).then().statusCode(403);

        assertBalance(alice, "90.00");
        assertBalance(eve, "10.00");
        assertBalance(unrelated, "1.00");
        assertVerified();
    }

    @Test
    @Order(11)
    void shouldAnswerEveryOperationForEveryCallerAsTheAccessRulesSay() throws Exception {
        String own = open("Matrix", "10020030", "5.00");
        String other = open("Matrix payee", "10020030", "0");
        String transferId = transfer(own, other, "1.00", null).getString("transferId");
        String ownersToken = owners.get(own);
        String empty = as(ownersToken).contentType(ContentType.JSON).body(Map.of("owner", "Matrix", "currency", "EUR"))
                .post(api + "/accounts").then().statusCode(201).extract().path("iban");
        AccessMatrix matrix = new AccessMatrix(gatewayUrl,
                Map.of(AccessMatrix.CUSTOMER, ownersToken, AccessMatrix.STRANGER, customer("stranger"),
                        AccessMatrix.OPERATOR, OPERATOR, AccessMatrix.AUDITOR, AUDITOR),
                TestTokens.forged("auditor", "forger"), TestTokens.service(),
                Map.of("iban", own, "id", transferId, "name", "accounts", "payee", other, "empty", empty), own);

        Set<String> operations = matrix.documentedOperations();
        assertThat(operations).as("the operations the OpenAPI document lists")
                .containsExactlyInAnyOrderElementsOf(AccessMatrix.RULES.keySet());
        assertThat(matrix.check(operations)).isEmpty();
        // the document offers the bearer scheme (Swagger UI's Authorize), and stays public, like health
        String document = matrix.send("GET", "/q/openapi?format=json", null).body();
        assertThat(document).contains("\"bearer\"").contains("JWT");
        assertThat(matrix.send("GET", "/q/health", null).statusCode()).isEqualTo(200);
        // what the matrix moved is exactly what the owner was allowed to move: a deposit, a withdrawal, a transfer
        assertBalance(own, "3.99");
        assertBalance(other, "1.01");
        as(AUDITOR).get(api + "/accounts/{iban}", empty).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("CLOSED"));
        awaitReplayed();
        assertVerified();
    }

    @Test
    @Order(12)
    void shouldLimitEachCallersWritesAndStreams() throws Exception {
        String busy = open("Busy", "10020030", "0");
        int accepted = 0;
        Response limited = null;
        for (int i = 0; i < 60 && limited == null; i++) {
            Response answer = owner(busy).contentType(ContentType.JSON).body(Map.of("amount", "0.01"))
                    .post(api + "/accounts/{iban}/deposits", busy);
            if (answer.statusCode() == 429) {
                limited = answer;
            } else {
                assertThat(answer.statusCode()).isEqualTo(200);
                accepted++;
            }
        }
        assertThat(limited).as("a write beyond the caller's limit").isNotNull();
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
        assertThat(limited.jsonPath().getString("code")).isEqualTo("TOO_MANY_REQUESTS");
        // another customer is not held back by this one
        open("Calm", "10020030", "1.00");
        assertBalance(busy, java.math.BigDecimal.valueOf(accepted, 2).toPlainString());

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<HttpResponse<java.io.InputStream>> streams = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            streams.add(http.send(HttpRequest.newBuilder(URI.create(api + "/events/stream?account=" + busy))
                    .header("Accept", "text/event-stream").header("Authorization", "Bearer " + owners.get(busy))
                    .build(), HttpResponse.BodyHandlers.ofInputStream()));
        }
        assertThat(streams.stream().map(HttpResponse::statusCode).toList()).containsExactly(200, 200, 429);
        for (HttpResponse<java.io.InputStream> stream : streams) {
            stream.body().close();
        }
        owner(busy).queryParam("wait", "31s").get(api + "/transfers/{id}", UUID.randomUUID().toString())
                .then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("wait"));
    }

    @Test
    @Order(13)
    void shouldKeepTheInternalServicesClosedToAnyoneButTheGateway() throws Exception {
        java.net.InetAddress outside = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
                .stream().flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .findFirst().orElse(null);
        List<String> probes = List.of("/v1/banks", "/v1/transfers/x", "/v1/projections", "/v1/analytics"); // each's
        for (int i = 0; i < internal.size(); i++) {
            ServiceUnderTest service = internal.get(i);
            URI base = URI.create(service.baseUrl());
            if (outside != null) {
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress(outside, base.getPort()), 2000);
                    org.junit.jupiter.api.Assertions.fail(service.baseUrl() + " answers on " + outside);
                } catch (java.io.IOException refused) {
                    // as it should: loopback only
                }
            }
            String probe = service.baseUrl() + probes.get(i);
            given().header("Authorization", "none").get(probe).then().statusCode(401);
            for (String token : List.of(customer("intruder"), OPERATOR, AUDITOR)) {
                // a person's token never passes an internal service: not its issuer, nor its key
                given().header("Authorization", "Bearer " + token).get(probe).then().statusCode(401);
            }
            // a service's token passes only where that service may call, and only for the service it names
            String name = List.of("account-service", "transfer-saga", "ledger-projection", "risk-engine").get(i);
            given().header("Authorization", "Bearer " + TestTokens.serviceToken("api-gateway", "elsewhere"))
                    .get(probe).then().statusCode(401);
            given().header("Authorization", "Bearer " + TestTokens.serviceToken("api-gateway", name))
                    .get(probe).then().statusCode(org.hamcrest.Matchers.not(401));
            if (!name.equals("account-service")) {
                given().header("Authorization", "Bearer " + TestTokens.serviceToken("ledger-projection", name))
                        .get(probe).then().statusCode(401);
            }
            given().get(service.baseUrl() + "/q/health/live").then().statusCode(200);
        }
    }

    /** Waits until no read model is being rebuilt. */
    @Test
    @Order(14)
    void shouldReadBodiesByOneRuleAndAnswerMoneyAsDecimalStrings() throws Exception {
        String payer = open("Shaped", "10020030", "25.00");
        String problems = "https://eventbank.io/problems/";
        // an IBAN with a right check sum of a country that issues none, a number where a string belongs, an unknown
        // or a repeated field: refused, naming the field, and nothing changes
        owner(payer).contentType(ContentType.JSON).body(Map.of("debtorIban", payer, "creditorIban",
                        "ZZ14100200300000000001", "amount", "1.00", "currency", "EUR")).post(api + "/transfers")
                .then().statusCode(400).body("type", org.hamcrest.Matchers.equalTo(problems + "validation-failed"))
                .body("field", org.hamcrest.Matchers.equalTo("creditorIban"));
        owner(payer).contentType(ContentType.JSON).body("{\"amount\":12.5}")
                .post(api + "/accounts/{iban}/deposits", payer).then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("VALIDATION_FAILED"))
                .body("field", org.hamcrest.Matchers.equalTo("amount"));
        owner(payer).contentType(ContentType.JSON).body("{\"amount\":\"1.00\",\"bonus\":\"1.00\"}")
                .post(api + "/accounts/{iban}/deposits", payer).then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("MALFORMED_REQUEST"))
                .body("field", org.hamcrest.Matchers.equalTo("bonus"));
        owner(payer).contentType(ContentType.JSON).body("{\"amount\":\"1.00\",\"amount\":\"900.00\"}")
                .post(api + "/accounts/{iban}/withdrawals", payer).then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("MALFORMED_REQUEST"));
        owner(payer).contentType(ContentType.JSON).body("null")
                .post(api + "/accounts/{iban}/deposits", payer).then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("VALIDATION_FAILED"));
        assertBalance(payer, "25.00");

        // a limit that is not a number is a 400, on every list
        owner(payer).queryParam("limit", "abc").get(api + "/accounts/{iban}/transactions", payer).then()
                .statusCode(400).body("field", org.hamcrest.Matchers.equalTo("limit"));
        as(AUDITOR).queryParam("limit", "abc").get(api + "/events").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("limit"));
        owner(payer).queryParam("limit", "abc").get(api + "/accounts").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("limit"));
        // one wait syntax everywhere
        owner(payer).queryParam("wait", "1500ms").get(api + "/accounts/{iban}", payer).then().statusCode(200);
        as(AUDITOR).queryParam("wait", "PT1S").get(api + "/transfers/{id}", "no-such-transfer").then()
                .statusCode(404);

        // the audit log shows money as decimal strings, in the event's currency
        JsonPath deposit = as(AUDITOR).queryParam("account", payer).queryParam("type", "MoneyDepositedEvent")
                .get(api + "/events").then().statusCode(200).extract().jsonPath();
        assertThat(deposit.getString("items[0].payload.amount")).isEqualTo("25.00");
        assertThat(deposit.getString("items[0].payload.balanceAfter")).isEqualTo("25.00");
        assertThat(deposit.getString("items[0].payload.currency")).isEqualTo("EUR");
        // every list has one envelope
        assertThat(as(OPERATOR).get(api + "/admin/settlements").jsonPath().getList("items")).isNotNull();

        // one shape per resource, whoever answers: an account from its opening, a deposit and a read; a transfer's
        // timeline from its request (transfer-saga) and from a read (the read model)
        String token = customer("shaped-" + UUID.randomUUID());
        Map<String, Object> opened = as(token).contentType(ContentType.JSON)
                .body(Map.of("owner", "Shape", "currency", "EUR")).post(api + "/accounts").then().statusCode(201)
                .extract().jsonPath().getMap("");
        String iban = (String) opened.get("iban");
        Map<String, Object> deposited = as(token).contentType(ContentType.JSON).body(Map.of("amount", "2.00"))
                .post(api + "/accounts/{iban}/deposits", iban).then().statusCode(200).extract().jsonPath().getMap("");
        owners.put(iban, token);
        assertBalance(iban, "2.00");
        Map<String, Object> read = as(token).get(api + "/accounts/{iban}", iban).then().statusCode(200).extract()
                .jsonPath().getMap("");
        assertThat(opened.keySet()).isEqualTo(read.keySet()).isEqualTo(deposited.keySet());
        assertThat(read.get("customerId")).isEqualTo(opened.get("customerId")).isNotNull();
        JsonPath requested = owner(payer).contentType(ContentType.JSON).body(Map.of("debtorIban", payer,
                        "creditorIban", iban, "amount", "1.00", "currency", "EUR")).post(api + "/transfers")
                .then().statusCode(202).extract().jsonPath();
        JsonPath done = awaitFinal(requested.getString("transferId"));
        assertThat(requested.getMap("").keySet()).isEqualTo(done.getMap("").keySet());
        assertThat(requested.getMap("timeline[0]").keySet()).isEqualTo(done.getMap("timeline[0]").keySet());
        assertThat(requested.getString("timeline[0].eventId")).isEqualTo(done.getString("timeline[0].eventId"));
    }

    @Test
    @Order(15)
    void shouldCheckTheStreamsFiltersAndSayWhenALastEventIdIsUnknown() throws Exception {
        as(AUDITOR).queryParam("account", "not-an-iban").get(api + "/events/stream").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("account"));
        as(AUDITOR).queryParam("from", "yesterday").get(api + "/events/stream").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("from"));

        String payer = open("Resumed", "10020030", "3.00");
        HttpResponse<java.io.InputStream> stream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                        URI.create(api + "/events/stream?account=" + payer + "&from=2020-01-01T00:00:00Z"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + AUDITOR)
                .header("Last-Event-ID", "no-such-event").build(), HttpResponse.BodyHandlers.ofInputStream());
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> read(stream, seen, new ArrayList<>(), new ArrayList<>()));
        reader.setDaemon(true);
        reader.start();
        awaitSize(seen, 3);
        stream.body().close();
        // told first, then the account's events from from= (its opening and its deposit)
        assertThat(seen).startsWith("unknown-last-event-id", "AccountOpenedEvent", "MoneyDepositedEvent");
    }

    @Test
    @Order(16)
    void shouldServeTheOperatorCommandsAsThinClientsOfTheApi() throws Exception {
        Map<String, String> tokens = Map.of("operator", OPERATOR, "auditor", AUDITOR);
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.util.function.Function<String, io.eventbank.devstack.cli.OperatorCommands> commands = ignored -> {
            printed.reset();
            return new io.eventbank.devstack.cli.OperatorCommands(gatewayUrl, tokens::get,
                    new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
        };

        assertThat(commands.apply("verify").verify()).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Every check passed.");
        assertThat(commands.apply("replay").replay("transfers")).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("done: live again");
        assertThat(as(OPERATOR).get(api + "/admin/projections/transfers").jsonPath().getString("state"))
                .isEqualTo("LIVE");
        assertThat(commands.apply("replay").replay("no-such-view")).isEqualTo(1);
        assertThat(commands.apply("dlq list").deadLetters()).isZero();
        assertThat(commands.apply("dlq redrive").redrive("dlq:nowhere:0:0")).isEqualTo(1);

        // events tail: the audit stream in the terminal, filtered by account, as the events happen
        String payer = open("Tailed", "10020030", "10.00");
        String payee = open("Tail payee", "10020030", "0");
        java.io.ByteArrayOutputStream tailed = new java.io.ByteArrayOutputStream();
        Thread tail = new Thread(() -> {
            try {
                new io.eventbank.devstack.cli.OperatorCommands(gatewayUrl, tokens::get,
                        new java.io.PrintStream(tailed, true, StandardCharsets.UTF_8))
                        .tail(Map.of("account", payer));
            } catch (InterruptedException ignored) {
                // the test is over
            }
        }, "events-tail");
        tail.setDaemon(true);
        tail.start();
        String unrelated = open("Not tailed", "10020030", "0");
        String id = transfer(payer, payee, "1.00", null).getString("transferId");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // the saga's request for the debit carries the transfer id too, and may arrive first: wait for the debit itself
        java.util.function.Predicate<String> debitTailed = out -> out.lines()
                .anyMatch(line -> line.contains("AccountDebitedEvent") && line.contains(id));
        while (!debitTailed.test(tailed.toString(StandardCharsets.UTF_8)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(tailed.toString(StandardCharsets.UTF_8)).satisfies(out -> assertThat(debitTailed).accepts(out))
                .doesNotContain(unrelated);
        tail.interrupt();
    }

    @Test
    @Order(17)
    void shouldServeManyLiveStreamsFromOneSharedFeedWithoutAThreadEach() throws Exception {
        String payer = open("Streamed", "10020030", "20.00");
        String payee = open("Streamed payee", "10020030", "0");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int streams = 24;
        double threadsBefore = gatewayThreads();
        List<HttpResponse<java.io.InputStream>> open = new ArrayList<>();
        List<List<String>> seen = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            // a subject each: the per-caller cap of this test's gateway is 2; half filter by account, half see all
            String query = i % 2 == 0 ? "?account=" + payer : "";
            HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(
                            URI.create(api + "/events/stream" + query)).header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + TestTokens.sign("auditor", "stream-auditor-" + i)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            open.add(stream);
            List<String> ids = new CopyOnWriteArrayList<>();
            seen.add(ids);
            Thread reader = new Thread(() -> read(stream, new ArrayList<>(), new ArrayList<>(), ids));
            reader.setDaemon(true);
            reader.start();
        }
        Thread.sleep(1500); // every stream has caught up and follows the feed
        String transfer = transfer(payer, payee, "2.00", null).getString("transferId");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen.stream().anyMatch(data -> data.stream().noneMatch(d -> d.contains(transfer)))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        for (int i = 0; i < streams; i++) {
            assertThat(seen.get(i)).as("stream " + i).anyMatch(d -> d.contains(transfer));
            if (i % 2 == 0) {
                assertThat(seen.get(i)).as("stream " + i + " filters by the payer's account")
                        .allMatch(d -> d.contains(payer));
            }
        }
        // one reader for all of them: not a thread per stream
        assertThat(gatewayThreads() - threadsBefore).as("threads the gateway started for %d streams", streams)
                .isLessThan(streams / 2.0);
        for (HttpResponse<java.io.InputStream> stream : open) {
            stream.body().close();
        }
    }

    @Test
    @Order(18)
    void shouldReadItsOwnWritesByTheVersionEachWriteAnswers() {
        String payer = open("Versioned", "10020030", "0");
        for (int i = 1; i <= 5; i++) {
            io.restassured.response.ExtractableResponse<Response> deposit = owner(payer).contentType(ContentType.JSON)
                    .body(Map.of("amount", "1.00")).post(api + "/accounts/{iban}/deposits", payer).then()
                    .statusCode(200).extract();
            long version = deposit.jsonPath().getLong("version");
            // the read model answers once it has applied that version: never an older balance
            Response read = owner(payer).queryParam("version", version).get(api + "/accounts/{iban}", payer);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.header("X-Read-Source")).isNull();
            assertThat(read.jsonPath().getLong("version")).isGreaterThanOrEqualTo(version);
            assertThat(read.jsonPath().getString("balance")).isEqualTo(i + ".00");
        }
        String payee = open("Versioned payee", "10020030", "0");
        var requested = owner(payer).contentType(ContentType.JSON).body(Map.of("debtorIban", payer, "creditorIban",
                payee, "amount", "2.00", "currency", "EUR")).post(api + "/transfers").then().statusCode(202)
                .extract().jsonPath();
        Response transfer = owner(payer).queryParam("version", requested.getLong("version"))
                .get(api + "/transfers/{id}", requested.getString("transferId"));
        assertThat(transfer.statusCode()).isEqualTo(200);
        assertThat(transfer.header("X-Read-Source")).isNull();
        assertThat(transfer.jsonPath().getLong("version")).isGreaterThanOrEqualTo(requested.getLong("version"));

        owner(payer).queryParam("version", "abc").get(api + "/accounts/{iban}", payer).then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("version"));
        owner(payer).queryParam("version", "999999").queryParam("wait", "300ms").get(api + "/accounts/{iban}", payer)
                .then().statusCode(504).body("code", org.hamcrest.Matchers.equalTo("NOT_YET_APPLIED"));
    }

    @Test
    @Order(19)
    void shouldCountEachBanksTransfersAndFailuresInTheRiskEnginesLiveAnalytics() {
        String payer = open("Counted", "20030040", "3.00");
        String payee = open("Counted payee", "20030040", "0");
        Map<String, Integer> before = riskMinutes("20030040");
        transfer(payer, payee, "1.25", null);
        assertThat(transfer(payer, payee, "5.00", null).getString("failureReason")).isEqualTo("INSUFFICIENT_FUNDS");

        // the engine reads the account events as they come: the two transfers, one failed, within a moment
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Integer> after = riskMinutes("20030040");
            assertThat(after.get("transfers") - before.get("transfers")).isEqualTo(2);
            assertThat(after.get("failed") - before.get("failed")).isEqualTo(1);
        });
        as(customer("nosy")).get(api + "/admin/risk/analytics").then().statusCode(403);
        as(AUDITOR).queryParam("minutes", "1441").get(api + "/admin/risk/analytics").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("minutes"));
    }

    /** A bank's EUR transfers and failures over the risk engine's last hour, summed. */
    private static Map<String, Integer> riskMinutes(String bank) {
        List<Map<String, Object>> minutes = as(AUDITOR).queryParam("minutes", 60).get(api + "/admin/risk/analytics")
                .then().statusCode(200).extract().jsonPath().getList("minutes");
        Map<String, Integer> sums = new java.util.HashMap<>(Map.of("transfers", 0, "failed", 0));
        minutes.stream().filter(minute -> bank.equals(minute.get("bankCode")) && "EUR".equals(minute.get("currency")))
                .forEach(minute -> sums.replaceAll((name, sum) -> sum + ((Number) minute.get(name)).intValue()));
        return sums;
    }

    @Test
    @Order(19)
    void shouldMeterFinishedTransfersAndHowLongAccountsTakeToAnswerTheirLegs() {
        String payer = open("Metered", "10020030", "5.00");
        // within one bank: counted where it is booked, account-service
        transfer(payer, open("Metered payee", "10020030", "0"), "1.00", null);
        String accountMetrics = given().get(internal.get(0).baseUrl() + "/q/metrics").then().statusCode(200)
                .extract().asString();
        assertThat(metric(accountMetrics, "eventbank_transfers_total{", "status=\"COMPLETED\"")).isPositive();
        // to the other bank: counted by transfer-saga, with its legs' latency
        transfer(payer, open("Metered payee abroad", "20030040", "0"), "1.00", null);
        String sagaMetrics = given().get(internal.get(1).baseUrl() + "/q/metrics").then().statusCode(200).extract()
                .asString();
        assertThat(metric(sagaMetrics, "eventbank_transfers_total{", "status=\"COMPLETED\"")).isPositive();
        assertThat(metric(sagaMetrics, "eventbank_transfer_leg_latency_seconds_count{", "leg=\"DEBIT\""))
                .isPositive();
        assertThat(metric(sagaMetrics, "eventbank_transfer_leg_latency_seconds_count{", "leg=\"CREDIT\""))
                .isPositive();
    }

    @Test
    @Order(20)
    void shouldCarryTheCallersTraceThroughEveryServiceAndEveryRecordOnKafka() {
        String payer = open("Traced", "10020030", "5.00");
        String payee = open("Traced payee", "20030040", "0");
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String id = owner(payer).contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .body(Map.of("debtorIban", payer, "creditorIban", payee, "amount", "1.25", "currency", "EUR"))
                .post(api + "/transfers").then().statusCode(202).extract().path("transferId");
        assertThat(awaitFinal(id).getString("status")).isEqualTo("COMPLETED");

        // interbank: the leg commands, both accounts' answers, the clearing messages and the transfers' events
        try (io.eventbank.devstack.testing.KafkaTopics topics = new io.eventbank.devstack.testing.KafkaTopics(
                io.eventbank.devstack.TestStack.get().harnessKafka())) {
            for (String topic : List.of("bank.account.commands", "bank.account.events", "bank.clearing",
                    "bank.transfer.events")) {
                List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records = topics.await(topic,
                        r -> r.value() != null && r.value().contains(id), 1, Duration.ofSeconds(30));
                assertThat(records).as(topic).isNotEmpty();
                assertThat(records).as(topic).allSatisfy(r -> assertThat(r.headers().headers("traceparent"))
                        .as(topic + " " + io.eventbank.devstack.testing.KafkaTopics.header(r, "ce_type"))
                        .singleElement().extracting(h -> new String(h.value(), StandardCharsets.UTF_8)).asString()
                        .matches("00-" + traceId + "-[0-9a-f]{16}-01"));
            }
        }
    }

    /** The sum of a metric's samples whose labels contain {@code label}. */
    private static double metric(String metrics, String prefix, String label) {
        return metrics.lines().filter(line -> line.startsWith(prefix) && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** The gateway's live JVM threads, from its metrics. */
    private static double gatewayThreads() {
        return metric(given().get(gatewayUrl + "/q/metrics").then().statusCode(200).extract().asString(),
                "jvm_threads_live_threads", "");
    }

    private static void awaitReplayed() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && as(OPERATOR).get(api + "/admin/projections").jsonPath()
                .getList("items.state", String.class).contains("REPLAYING")) {
            Thread.onSpinWait();
        }
    }

    /** Every invariant the ledger checks holds, as an auditor reads it. */
    private static void assertVerified() {
        as(AUDITOR).get(api + "/admin/verification").then().statusCode(200).body("ok", org.hamcrest.Matchers.is(true));
    }

    private static String customer(String subject) {
        return TestTokens.customer(subject);
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** A request as the customer who owns the account. */
    private static RequestSpecification owner(String iban) {
        return as(owners.get(iban));
    }

    private static int eventsOf(String iban) {
        return as(AUDITOR).queryParam("account", iban).queryParam("limit", "500").get(api + "/events").jsonPath()
                .getList("items").size();
    }

    private static int opened() {
        return as(AUDITOR).queryParam("type", "AccountOpenedEvent").queryParam("limit", "500").get(api + "/events")
                .jsonPath().getList("items").size();
    }

    private static String stable(String json) {
        return json.replaceAll("\"asOf\":\\{[^}]*\\}\\}?", "").replaceAll("\"lastEventAt\":\"[^\"]*\"", "");
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

    /** Opens an account as a customer of its own (named after the owner) and deposits the balance. */
    private static String open(String owner, String bank, String balance) {
        String token = customer(owner.toLowerCase().replace(' ', '-') + "-" + UUID.randomUUID());
        String iban = as(token).contentType(ContentType.JSON)
                .body(Map.of("owner", owner, "currency", "EUR", "bankCode", bank))
                .post(api + "/accounts").then().statusCode(201).extract().path("iban");
        owners.put(iban, token);
        if (!balance.equals("0")) {
            as(token).contentType(ContentType.JSON).body(Map.of("amount", balance))
                    .post(api + "/accounts/{iban}/deposits", iban).then().statusCode(200);
        }
        return iban;
    }

    private static JsonPath transfer(String debtor, String creditor, String amount, String key) {
        var request = owner(debtor).contentType(ContentType.JSON);
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
            transfer = as(AUDITOR).queryParam("wait", "10s").get(api + "/transfers/{id}", id).then().statusCode(200)
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
            balance = as(AUDITOR).get(api + "/accounts/{iban}", iban).then().statusCode(200).extract().path("balance");
        } while (!balance.equals(expected) && System.nanoTime() < deadline);
        assertThat(balance).as("balance of " + iban).isEqualTo(expected);
    }
}
