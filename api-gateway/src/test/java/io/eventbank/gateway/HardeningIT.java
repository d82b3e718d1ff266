package io.eventbank.gateway;

import static io.eventbank.gateway.PublicApi.AUDITOR;
import static io.eventbank.gateway.PublicApi.OPERATOR;
import static io.eventbank.gateway.PublicApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.eventbank.devstack.testing.PlatformUnderTest;
import io.eventbank.devstack.testing.ServiceUnderTest;
import io.eventbank.devstack.testing.TestTokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a second attacker found, tried again through the public API of the four services as real processes: a key
 * reused after its window, the largest amounts, a close while a transfer is in flight, reads that wait to stall
 * everyone, an operator's own account. Each failed on the platform before these were closed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HardeningIT {

    private static final Duration READY = Duration.ofSeconds(150);
    private static final int WAITS_PER_SUBJECT = 5;
    private static final int READ_BURST = 40;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static PlatformUnderTest platform;
    private static ServiceUnderTest accounts;
    private static PublicApi api;

    @BeforeAll
    static void start() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        platform = PlatformUnderTest.start(Map.of(
                // a short window, so that a key outlives it in the test
                "EVENTBANK_GATEWAY_IDEMPOTENCY_EXPIRE_AFTER", "2s",
                "EVENTBANK_GATEWAY_WAITS_PER_SUBJECT", Integer.toString(WAITS_PER_SUBJECT),
                // low, so that one caller reaches its read limit in the test; each test polls below it
                "EVENTBANK_GATEWAY_RATE_LIMIT_READS_PER_SECOND", "20",
                "EVENTBANK_GATEWAY_RATE_LIMIT_READ_BURST", Integer.toString(READ_BURST)));
        accounts = platform.accounts();
        api = new PublicApi(platform.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    /** Before: the second withdrawal answered 200, booked nothing, and said nothing of a repeat. */
    @Test
    @Order(1)
    void shouldNeverAnswer200ForAKeyReusedAfterItsWindowWithAnotherBody() throws InterruptedException {
        String iban = api.open("Kim", "10020030", "600.00");
        String key = "withdrawal-" + UUID.randomUUID();
        withdraw(iban, key, "10.00").then().statusCode(200).body("balance", equalTo("590.00"));

        Thread.sleep(3_000); // the gateway's window is over: the gateway forgets the key, account-service does not

        withdraw(iban, key, "500.00").then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"))
                .body("detail", containsString("a withdrawal of 10.00 EUR"));
        Thread.sleep(3_000);
        withdraw(iban, key, "10.00").then().statusCode(200).header("Idempotency-Replayed", "true")
                .body("balance", equalTo("590.00"));
        api.assertBalance(iban, "590.00");
    }

    /** Before: a deposit of a long's largest count of cents was taken, and moved to the other bank broke the books. */
    @Test
    @Order(2)
    void shouldRefuseAmountsOutsideTheMoneyRangeAtTheEdgeAndKeepTheBooksAtTheLargest() {
        String rich = api.open("Rich", "10020030", "0");
        String other = api.open("Other", "20030040", "0");
        for (String amount : List.of("92233720368547758.07", "1000000000.00")) {
            api.owner(rich).contentType(ContentType.JSON).body(Map.of("amount", amount))
                    .post(api.url("/accounts/{iban}/deposits"), rich).then().statusCode(422)
                    .body("code", equalTo("AMOUNT_TOO_LARGE")).body("field", equalTo("amount"));
            api.owner(rich).contentType(ContentType.JSON).body(Map.of("debtorIban", rich, "creditorIban", other,
                            "amount", amount, "currency", "EUR"))
                    .post(api.url("/transfers")).then().statusCode(422).body("code", equalTo("AMOUNT_TOO_LARGE"));
        }
        java.math.BigDecimal sent = position("10020030");
        java.math.BigDecimal received = position("20030040");
        for (int i = 0; i < 2; i++) {
            api.owner(rich).contentType(ContentType.JSON).body(Map.of("amount", "999999999.99"))
                    .post(api.url("/accounts/{iban}/deposits"), rich).then().statusCode(200);
            assertThat(api.awaitFinal(api.send(rich, other, "999999999.99")).getString("status"))
                    .isEqualTo("COMPLETED");
        }
        api.assertBalance(other, "1999999999.98");
        api.assertBalance(rich, "0.00");
        java.math.BigDecimal twice = new java.math.BigDecimal("1999999999.98");
        java.math.BigDecimal out = java.math.BigDecimal.ZERO;
        java.math.BigDecimal in = java.math.BigDecimal.ZERO;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < deadline
                && (out.compareTo(twice) != 0 || in.compareTo(twice.negate()) != 0) && PublicApi.pause(); ) {
            // the clearing legs of both banks are booked after the transfer is final: the read model follows
            out = position("10020030").subtract(sent);
            in = position("20030040").subtract(received);
        }
        assertThat(out).isEqualByComparingTo(twice);
        assertThat(in).isEqualByComparingTo(twice.negate());
        api.assertVerified();
    }

    /**
     * Before: the close was taken while the transfer waited, and the refund stayed on the closed account for good.
     * Meanwhile, the reads that wait for the transfer are bounded per customer, and hold nobody else back.
     */
    @Test
    @Order(3)
    void shouldRefuseToCloseAnAccountWhileItsTransferIsInFlightAndBoundTheReadsThatWaitForIt() throws Exception {
        String payer = api.open("Payer", "10020030", "10.00");
        // to the other bank: transfer-saga takes it and waits for the debit (one within the bank needs
        // account-service to be booked at all, and would be refused while it is down)
        String payee = api.open("Payee", "20030040", "0.01");
        String bystander = api.open("Bystander", "10020030", "1.00");
        accounts.kill(); // the transfer waits for its debit
        String id = api.send(payer, payee, "10.00");
        try {
            as(OPERATOR).post(api.url("/accounts/{iban}/close"), payer).then().statusCode(409)
                    .body("code", equalTo("TRANSFERS_IN_FLIGHT")).body("detail", containsString(id));

            // one customer's waits: a few wait, the rest are refused at once, and nobody else is held back
            List<CompletableFuture<HttpResponse<String>>> waits = new ArrayList<>();
            for (int i = 0; i < WAITS_PER_SUBJECT + 3; i++) {
                waits.add(HTTP.sendAsync(get("/transfers/" + id + "?wait=20s", api.tokenOf(payer), null),
                        HttpResponse.BodyHandlers.ofString()));
            }
            long tooMany = waits.stream().limit(WAITS_PER_SUBJECT + 3).filter(w -> {
                try {
                    return w.get(2, java.util.concurrent.TimeUnit.SECONDS).statusCode() == 429;
                } catch (Exception stillWaiting) {
                    return false;
                }
            }).count();
            assertThat(tooMany).as("waits beyond the caller's limit").isEqualTo(3);
            long started = System.nanoTime();
            api.owner(bystander).get(api.url("/accounts/{iban}"), bystander).then().statusCode(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            accounts.start(READY);
        }
        assertThat(api.awaitFinal(id).getString("status")).isEqualTo("COMPLETED");
        as(OPERATOR).post(api.url("/accounts/{iban}/close"), payer).then().statusCode(200)
                .body("status", equalTo("CLOSED"));
    }

    /** Before: 120 waits for transfers that are not the caller's held every gateway worker for 30 s. */
    @Test
    @Order(4)
    void shouldAnswerWaitsForTransfersThatAreNotTheCallersAtOnce() throws Exception {
        String attacker = TestTokens.customer("attacker-" + UUID.randomUUID());
        String victim = api.open("Victim", "10020030", "1.00");
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Future<Integer>> waits = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < 120; i++) {
                waits.add(pool.submit(() -> HTTP.send(get("/transfers/" + UUID.randomUUID() + "?wait=30s", attacker,
                        null), HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            long victimStarted = System.nanoTime();
            api.owner(victim).get(api.url("/accounts/{iban}"), victim).then().statusCode(200);
            assertThat(Duration.ofNanos(System.nanoTime() - victimStarted)).as("another customer's read")
                    .isLessThan(Duration.ofSeconds(5));
            for (Future<Integer> wait : waits) {
                assertThat(wait.get(30, java.util.concurrent.TimeUnit.SECONDS)).isIn(404, 429);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("120 waits for no transfer of the caller's")
                    .isLessThan(Duration.ofSeconds(20));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A wait whose client went away gives its place back: the caller may wait again at once. */
    @Test
    @Order(5)
    void shouldGiveAWaitsPlaceBackWhenItsClientGoesAway() throws Exception {
        String payer = api.open("Leaver", "10020030", "5.00");
        // to the other bank, so that transfer-saga takes it and it stays in flight while account-service is down
        String payee = api.open("Stayer", "20030040", "0.01");
        accounts.kill();
        try {
            String id = api.send(payer, payee, "5.00");
            for (int round = 0; round < 2; round++) {
                List<CompletableFuture<HttpResponse<Void>>> waits = new ArrayList<>();
                for (int i = 0; i < WAITS_PER_SUBJECT; i++) {
                    waits.add(HTTP.sendAsync(get("/transfers/" + id + "?wait=30s", api.tokenOf(payer),
                            Duration.ofSeconds(2)), HttpResponse.BodyHandlers.discarding()));
                }
                for (CompletableFuture<HttpResponse<Void>> wait : waits) {
                    // each waited until its client gave up (no 429: the places of the round before were given back)
                    assertThat(wait).failsWithin(Duration.ofSeconds(10));
                }
                Thread.sleep(500); // the gateway has seen the connections close
            }
            as(api.tokenOf(payer)).queryParam("wait", "1s").get(api.url("/transfers/{id}"), id)
                    .then().statusCode(200).body("status", not(equalTo("COMPLETED")));
        } finally {
            accounts.start(READY);
        }
    }

    /** Before: only writes were limited; one caller could read as fast as the services answer. */
    @Test
    @Order(6)
    void shouldLimitEachCallersReadsAndNoOneElses() throws Exception {
        String reader = api.open("Reader", "10020030", "1.00");
        String other = api.open("Other reader", "10020030", "1.00");
        List<CompletableFuture<HttpResponse<Void>>> reads = new ArrayList<>();
        for (int i = 0; i < 3 * READ_BURST; i++) {
            reads.add(HTTP.sendAsync(get("/accounts/" + reader, api.tokenOf(reader), null),
                    HttpResponse.BodyHandlers.discarding()));
        }
        List<HttpResponse<Void>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<Void>> read : reads) {
            answers.add(read.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 429).isNotEmpty()
                .allMatch(answer -> answer.headers().firstValue("Retry-After").isPresent());
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 200).hasSizeBetween(READ_BURST,
                READ_BURST + 20);
        api.owner(other).get(api.url("/accounts/{iban}"), other).then().statusCode(200);
    }

    /** Before: an operator who was also a customer raised his own overdraft. */
    @Test
    @Order(7)
    void shouldNotLetAnOperatorActOnHisOwnAccount() {
        String both = TestTokens.withRoles("olga-" + UUID.randomUUID(), "customer", "operator");
        String own = api.openAs(both, "Olga", "10020030", "0");
        as(both).contentType(ContentType.JSON).body(Map.of("limit", "500.00"))
                .put(api.url("/admin/accounts/{iban}/overdraft-limit"), own).then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        as(both).post(api.url("/accounts/{iban}/freeze"), own).then().statusCode(403);
        as(OPERATOR).contentType(ContentType.JSON).body(Map.of("limit", "500.00"))
                .put(api.url("/admin/accounts/{iban}/overdraft-limit"), own).then().statusCode(200)
                .body("overdraftLimit", equalTo("500.00"));
    }

    /** A bank's settlement position in EUR, once the read model has every transfer (the verification waits too). */
    private static java.math.BigDecimal position(String bankCode) {
        String position = as(AUDITOR).get(api.url("/admin/settlements")).then().statusCode(200).extract().jsonPath()
                .getString("items.find { it.bankCode == '" + bankCode + "' && it.currency == 'EUR' }.netPosition");
        return position == null ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(position);
    }

    /** Before: a live stream outlived its token for as long as its client kept it open. */
    @Test
    @Order(8)
    void shouldCloseALiveStreamWhenItsTokenExpires() throws Exception {
        long expires = java.time.Instant.now().plusSeconds(4).getEpochSecond();
        String brief = TestTokens.issuedBy(io.eventbank.devstack.tokens.Tokens.ISSUER, "auditor",
                "brief-auditor-" + UUID.randomUUID(), Map.of("exp", expires));
        long started = System.nanoTime();
        HttpResponse<java.util.stream.Stream<String>> stream = HTTP.send(get("/events/stream", brief, null),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<Long> lines = CompletableFuture.supplyAsync(() -> stream.body().count());
        lines.get(30, java.util.concurrent.TimeUnit.SECONDS); // the server closed it
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("open until the token expired, not longer")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(20));
    }

    /** Before: a correlation id a client chose put its events into another customer's trace in the auditor's view. */
    @Test
    @Order(9)
    void shouldKeepAClientsCorrelationIdWithinItsCaller() {
        String mine = api.open("Traced", "10020030", "0");
        String theirs = api.open("Traced too", "10020030", "0");
        String chosen = "shared-" + UUID.randomUUID();
        String kept = api.owner(mine).contentType(ContentType.JSON).header("X-Correlation-Id", chosen)
                .body(Map.of("amount", "1.00")).post(api.url("/accounts/{iban}/deposits"), mine).then().statusCode(200)
                .extract().header("X-Correlation-Id");
        String keptToo = api.owner(theirs).contentType(ContentType.JSON).header("X-Correlation-Id", chosen)
                .body(Map.of("amount", "2.00")).post(api.url("/accounts/{iban}/deposits"), theirs).then()
                .statusCode(200).extract().header("X-Correlation-Id");

        assertThat(kept).startsWith(chosen + ":").matches(".*:[0-9a-f]{8}").isNotEqualTo(keptToo);
        api.owner(mine).contentType(ContentType.JSON).header("X-Correlation-Id", kept).body(Map.of("amount", "1.00"))
                .post(api.url("/accounts/{iban}/deposits"), mine).then().header("X-Correlation-Id", kept);
        api.assertBalance(mine, "2.00");
        List<String> ibans = as(AUDITOR).queryParam("correlationId", kept).get(api.url("/events")).then()
                .statusCode(200).extract().jsonPath().getList("items.payload.iban", String.class);
        assertThat(ibans).isNotEmpty().containsOnly(mine);
        assertThat(as(AUDITOR).queryParam("correlationId", chosen).get(api.url("/events")).then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
    }

    private static io.restassured.response.Response withdraw(String iban, String key, String amount) {
        return api.owner(iban).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("amount", amount)).post(api.url("/accounts/{iban}/withdrawals"), iban);
    }

    private static HttpRequest get(String path, String token, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url(path)))
                .header("Authorization", "Bearer " + token).GET();
        if (timeout != null) {
            request.timeout(timeout);
        }
        return request.build();
    }
}
