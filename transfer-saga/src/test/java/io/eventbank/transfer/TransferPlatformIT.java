package io.eventbank.transfer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.time.Instant;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.Iban;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.clearing.ClearingStatus;
import io.eventbank.contracts.clearing.CreditTransferMessage;
import io.eventbank.contracts.clearing.PaymentStatusReport;
import io.eventbank.contracts.clearing.PaymentStatusRequest;
import io.eventbank.devstack.TestStack;
import io.eventbank.devstack.testing.KafkaTopics;
import io.eventbank.transfer.clearing.ClearingKeys;
import io.eventbank.transfer.clearing.ClearingSignatures;
import io.eventbank.infrastructure.banks.HostedBanks;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.devstack.testing.ServiceUnderTest;
import io.eventbank.devstack.testing.StackDatabase;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Transfers end to end: account-service and transfer-saga as real processes on the real broker and database. The
 * platform hosts a third bank, Munich, whose clearing nobody answers but the test itself: transfers to Munich wait
 * for an answer as they would with the receiving bank down, and the test plays Munich's bank on {@code bank.clearing}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransferPlatformIT {

    private static final String BERLIN = "10020030";
    private static final String HAMBURG = "20030040";
    private static final String MUNICH = "70050060";
    private static final String BANKS = HostedBanks.DEFAULT + "," + MUNICH + ":EVBKDEMMXXX:Eventbank Munich";
    private static final Duration READY = Duration.ofSeconds(120);

    private static ServiceUnderTest accounts;
    private static ServiceUnderTest transfers;

    @BeforeAll
    static void start() {
        accounts = new ServiceUnderTest("account-service", Map.of("EVENTBANK_BANKS", BANKS)).start(READY);
        transfers = new ServiceUnderTest("transfer-saga", Map.of(
                "EVENTBANK_BANKS", BANKS,
                "EVENTBANK_TRANSFER_CLEARING_TIMEOUT", "10s",
                "EVENTBANK_TRANSFER_RECEIVES_FOR", BERLIN + "," + HAMBURG)).start(READY);
    }

    @AfterAll
    static void stop() {
        if (transfers != null) {
            transfers.close();
        }
        if (accounts != null) {
            accounts.close();
        }
    }

    @Test
    @Order(1)
    void shouldCompleteASameBankTransferWithBalancesRightToTheCent() {
        String alice = open("Alice", BERLIN, "100.00");
        String bob = open("Bob", BERLIN, "0");

        JsonPath transfer = transferAndWait(alice, bob, "30.01");

        assertThat(transfer.getString("status")).isEqualTo("COMPLETED");
        assertThat(transfer.getList("timeline.type", String.class)).containsSubsequence(
                "TransferRequestedEvent", "TransferDebitedEvent", "TransferCreditedEvent", "TransferCompletedEvent");
        assertThat(balance(alice)).isEqualTo("69.99");
        assertThat(balance(bob)).isEqualTo("30.01");
    }

    @Test
    @Order(2)
    void shouldCompleteAnInterbankTransferThroughClearing() {
        String hamburgPayer = open("Hanna", HAMBURG, "50.00");
        String berlinPayee = open("Bert", BERLIN, "0");
        Map<String, BigDecimal> hamburgBefore = clearingBalances(HAMBURG);
        Map<String, BigDecimal> berlinBefore = clearingBalances(BERLIN);

        JsonPath transfer = transferAndWait(hamburgPayer, berlinPayee, "12.34");
        String id = transfer.getString("transferId");

        assertThat(transfer.getString("status")).isEqualTo("COMPLETED");
        assertThat(transfer.getList("timeline.type", String.class)).containsSubsequence("TransferDebitedEvent",
                "TransferSentToClearingEvent", "TransferAcceptedEvent", "TransferCompletedEvent");
        assertThat(balance(hamburgPayer)).isEqualTo("37.66");
        assertThat(balance(berlinPayee)).isEqualTo("12.34");
        // through the clearing account the transfer's id picks, in each bank; the others untouched
        awaitClearingBalances(HAMBURG, moved(hamburgBefore, HAMBURG, id, "12.34"));
        awaitClearingBalances(BERLIN, moved(berlinBefore, BERLIN, id, "-12.34"));
    }

    @Test
    @Order(3)
    void shouldFailWithTheReasonWhenThePayerRefuses() {
        String poor = open("Poor", BERLIN, "10.00");
        String frozen = open("Frozen", BERLIN, "10.00");
        given().baseUri(accounts.baseUrl()).post("/v1/accounts/{iban}/freeze", frozen).then().statusCode(200);
        String closed = open("Closed", BERLIN, "0");
        given().baseUri(accounts.baseUrl()).post("/v1/accounts/{iban}/close", closed).then().statusCode(200);
        String unknown = Iban.german(BERLIN, 8_999_999_990L);
        String payee = open("Payee", BERLIN, "0");

        assertFailed(transferAndWait(poor, payee, "10.01"), "INSUFFICIENT_FUNDS");
        assertFailed(transferAndWait(frozen, payee, "1.00"), "ACCOUNT_FROZEN");
        assertFailed(transferAndWait(closed, payee, "1.00"), "ACCOUNT_CLOSED");
        assertFailed(transferAndWait(unknown, payee, "1.00"), "UNKNOWN_ACCOUNT");
        assertThat(balance(poor)).isEqualTo("10.00");
        assertThat(balance(frozen)).isEqualTo("10.00");
        assertThat(balance(payee)).isEqualTo("0.00");
    }

    @Test
    @Order(4)
    void shouldRefundThePayerWhenThePayeeRefuses() {
        String payer = open("Refunded", BERLIN, "40.00");
        String closed = open("ClosedPayee", BERLIN, "0");
        given().baseUri(accounts.baseUrl()).post("/v1/accounts/{iban}/close", closed).then().statusCode(200);

        JsonPath transfer = transferAndWait(payer, closed, "15.00");

        assertFailed(transfer, "ACCOUNT_CLOSED");
        assertThat(transfer.getList("timeline.type", String.class)).contains("TransferRefundingEvent");
        assertThat(balance(payer)).isEqualTo("40.00");
    }

    @Test
    @Order(5)
    void shouldRefundThePayerWhenTheReceivingBankRejects() {
        String payer = open("Rejected", HAMBURG, "40.00");
        String closed = open("ClosedInBerlin", BERLIN, "0");
        given().baseUri(accounts.baseUrl()).post("/v1/accounts/{iban}/close", closed).then().statusCode(200);
        Map<String, BigDecimal> clearingBefore = clearingBalances(HAMBURG);

        JsonPath transfer = transferAndWait(payer, closed, "15.00");

        assertFailed(transfer, "REJECTED_BY_CLEARING");
        assertThat(balance(payer)).isEqualTo("40.00");
        awaitClearingBalances(HAMBURG, clearingBefore);
    }

    @Test
    @Order(6)
    void shouldWaitAndAskWhileTheReceivingBankIsSilentAndRefundOnlyWhenItRejects() {
        String payer = open("Waiting", BERLIN, "40.00");
        String munichPayee = open("Silent", MUNICH, "0");
        Map<String, BigDecimal> clearingBefore = clearingBalances(BERLIN);

        String rejected = request(payer, munichPayee, "15.00", null).getString("transferId");
        String accepted = request(payer, munichPayee, "5.00", null).getString("transferId");
        JsonPath waiting = awaitStatus(rejected, "AWAITING_STATUS");
        awaitStatus(accepted, "AWAITING_STATUS");

        assertThat(waiting.getList("timeline.type", String.class)).contains("ClearingStatusRequestedEvent")
                .doesNotContain("TransferRefundingEvent");
        assertThat(balance(payer)).as("no refund on the sender's timer alone").isEqualTo("20.00");
        try (KafkaTopics topics = new KafkaTopics(TestStack.get().harnessKafka())) {
            assertThat(topics.await("bank.clearing", r -> r.value().contains(rejected + "-pacs028-"), 1,
                    Duration.ofSeconds(30))).as("a status request (pacs.028) to Munich").isNotEmpty();
            // Munich answers: it did not receive the first in time, it credited the second
            answerAsMunich(topics, rejected, ClearingStatus.RJCT, "AB05");
            answerAsMunich(topics, accepted, ClearingStatus.ACSC, null);
        }

        assertFailed(await(rejected), "TIMED_OUT");
        assertThat(await(accepted).getString("status")).isEqualTo("COMPLETED");
        awaitBalance(payer, "35.00");
        awaitClearingBalances(BERLIN, moved(clearingBefore, BERLIN, accepted, "5.00"));
    }

    @Test
    @Order(6)
    void shouldRejectForGoodAPaymentItIsAskedAboutBeforeItArrives() {
        String payee = open("NeverPaid", BERLIN, "0");
        String endToEnd = "munich-" + UUID.randomUUID();
        Instant now = Instant.now();
        try (KafkaTopics topics = new KafkaTopics(TestStack.get().harnessKafka())) {
            sendAsMunich(topics, BERLIN, new PaymentStatusRequest(endToEnd + "-pacs028-1", endToEnd + "-pacs008",
                    endToEnd, MUNICH, BERLIN, now));
            assertThat(topics.await("bank.clearing", r -> r.value().contains("\"originalEndToEndId\":\"" + endToEnd)
                    && r.value().contains("RJCT") && r.value().contains("AB05"), 1, Duration.ofSeconds(30)))
                    .as("Berlin answers RJCT AB05 for a payment it never received").hasSize(1);

            sendAsMunich(topics, BERLIN, new CreditTransferMessage(endToEnd + "-pacs008", endToEnd,
                    Money.parse("9.00", "EUR"), Iban.german(MUNICH, 1_234_567), "EVBKDEMMXXX", payee, "EVBKDEBBXXX",
                    "late", MUNICH, BERLIN, now, now.plusSeconds(60)));
            assertThat(topics.await("bank.clearing", r -> r.value().contains("\"originalEndToEndId\":\"" + endToEnd)
                    && r.value().contains("RJCT"), 2, Duration.ofSeconds(30)))
                    .as("the credit transfer that arrives afterwards is refused too").hasSize(2);
        }
        assertThat(balance(payee)).isEqualTo("0.00");
    }

    @Test
    @Order(6)
    void shouldRefuseAndParkEveryAnswerItsBankDidNotSignOrThatAnswersAnotherMessage() {
        String payer = open("Guarded", BERLIN, "30.00");
        String munichPayee = open("Guarded payee", MUNICH, "0");
        String other = open("Other payee", MUNICH, "0");
        String transferId = request(payer, munichPayee, "12.00", null).getString("transferId");
        String otherId = request(payer, other, "1.00", null).getString("transferId");
        awaitStatus(transferId, "SENT_TO_CLEARING");
        awaitStatus(otherId, "SENT_TO_CLEARING");
        try (KafkaTopics topics = new KafkaTopics(TestStack.get().harnessKafka())) {
            PaymentStatusReport accept = new PaymentStatusReport("forged-" + UUID.randomUUID(),
                    transferId + "-pacs008", transferId, ClearingStatus.ACSC, null, MUNICH, BERLIN, Instant.now());
            send(topics, BERLIN, accept, null); // no signature
            send(topics, BERLIN, accept, HAMBURG); // Hamburg's signature on a message that says it is Munich's
            send(topics, BERLIN, new PaymentStatusReport("forged-" + UUID.randomUUID(), otherId + "-pacs008",
                    transferId, ClearingStatus.RJCT, "AC01", MUNICH, BERLIN, Instant.now()), MUNICH); // another's
            send(topics, BERLIN, new PaymentStatusReport("forged-" + UUID.randomUUID(), transferId + "-pacs008",
                    transferId, ClearingStatus.RJCT, "AC01", HAMBURG, BERLIN, Instant.now()), HAMBURG); // not sent there
            // the four forged answers, each about this transfer (other tests' answers to the Munich the test plays
            // are parked too: reports to a hosted bank for transfers its node never sent)
            var parked = topics.await("bank.clearing.dlq", r -> r.value().contains("\"forged-")
                    && r.value().contains("\"originalEndToEndId\":\"" + transferId + "\""), 4, Duration.ofSeconds(60));
            assertThat(parked).hasSize(4)
                    .extracting(r -> KafkaTopics.header(r, "dead-letter-reason"))
                    .allMatch(reason -> reason.startsWith("refused: "))
                    .anyMatch(reason -> reason.contains("no signature"))
                    .anyMatch(reason -> reason.contains("signed as " + HAMBURG))
                    .anyMatch(reason -> reason.contains("not credit transfer " + transferId + "-pacs008"));
            assertThat(given().baseUri(transfers.baseUrl()).get("/v1/transfers/{id}", transferId).then()
                    .extract().path("status").toString()).isIn("SENT_TO_CLEARING", "AWAITING_STATUS");
            assertThat(balance(payer)).as("nothing refunded, nothing completed").isEqualTo("17.00");

            answerAsMunich(topics, transferId, ClearingStatus.ACSC, null); // Munich's own answer counts
            answerAsMunich(topics, otherId, ClearingStatus.ACSC, null);
        }
        assertThat(await(transferId).getString("status")).isEqualTo("COMPLETED");
        assertThat(await(otherId).getString("status")).isEqualTo("COMPLETED");
    }

    private static void answerAsMunich(KafkaTopics topics, String transferId, ClearingStatus status, String code) {
        sendAsMunich(topics, BERLIN, new PaymentStatusReport("munich-" + UUID.randomUUID(), transferId + "-pacs008",
                transferId, status, code, MUNICH, BERLIN, Instant.now()));
    }

    /** A message of Munich's, signed with Munich's clearing key (transfer-saga made it, Munich being a hosted bank). */
    private static void sendAsMunich(KafkaTopics topics, String to, Object message) {
        send(topics, to, message, MUNICH);
    }

    /** A message on bank.clearing, signed with {@code signer}'s clearing key (null: unsigned). */
    private static void send(KafkaTopics topics, String to, Object message, String signer) {
        try {
            String body = Json.mapper().writeValueAsString(message);
            Map<String, String> headers = new java.util.HashMap<>(Map.of(
                    CloudEventHeaders.ID, UUID.randomUUID().toString(),
                    CloudEventHeaders.TYPE, message.getClass().getName(),
                    CloudEventHeaders.REVISION, "1",
                    CloudEventHeaders.SPEC_VERSION, "1.0",
                    CloudEventHeaders.SOURCE, "/test/munich",
                    CloudEventHeaders.TIME, Instant.now().toString()));
            if (signer != null) {
                var signed = new org.apache.kafka.common.header.internals.RecordHeaders();
                new ClearingSignatures(ClearingKeys.in(clearingKeys(), List.of(signer)))
                        .sign(signer, message.getClass().getName(), body, signed);
                headers.put(ClearingSignatures.HEADER, new String(signed.lastHeader(ClearingSignatures.HEADER).value(),
                        java.nio.charset.StandardCharsets.US_ASCII));
            }
            topics.send("bank.clearing", to, body, headers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The folder of the banks' clearing keys, as the test stack gives it to transfer-saga. */
    private static java.nio.file.Path clearingKeys() {
        return TestStack.get().clearingKeys();
    }

    private static JsonPath awaitStatus(String transferId, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonPath transfer;
        do {
            sleep(500);
            transfer = given().baseUri(transfers.baseUrl()).get("/v1/transfers/{id}", transferId).then()
                    .statusCode(200).extract().jsonPath();
        } while (!status.equals(transfer.getString("status")) && System.nanoTime() < deadline);
        assertThat(transfer.getString("status")).isEqualTo(status);
        return transfer;
    }

    @Test
    @Order(7)
    void shouldReturnTheSameTransferForTheSameIdempotencyKey() {
        String payer = open("Retrying", BERLIN, "40.00");
        String payee = open("Once", BERLIN, "0");
        String key = UUID.randomUUID().toString();

        String first = request(payer, payee, "5.00", key).getString("transferId");
        String second = request(payer, payee, "5.00", key).getString("transferId");
        given().baseUri(transfers.baseUrl()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("debtorIban", payer, "creditorIban", payee, "amount", "6.00", "currency", "EUR"))
                .post("/v1/transfers").then().statusCode(422);

        assertThat(second).isEqualTo(first);
        await(first);
        assertThat(balance(payer)).isEqualTo("35.00");
    }

    /** Two accounts paying each other at once, in both banks' directions: no deadlock, every cent where it belongs. */
    @Test
    @Order(7)
    void shouldCompleteConcurrentOppositeTransfersBetweenTwoAccountsToTheCent() throws Exception {
        String a = open("Ping", BERLIN, "100.00");
        String b = open("Pong", BERLIN, "100.00");
        String c = open("Far", HAMBURG, "100.00");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(pool.submit(() -> request(a, b, "1.00", null).getString("transferId")));
                sent.add(pool.submit(() -> request(b, a, "2.00", null).getString("transferId")));
                sent.add(pool.submit(() -> request(a, c, "0.50", null).getString("transferId")));
                sent.add(pool.submit(() -> request(c, a, "0.25", null).getString("transferId")));
            }
            for (java.util.concurrent.Future<String> id : sent) {
                assertThat(await(id.get(60, java.util.concurrent.TimeUnit.SECONDS)).getString("status"))
                        .isEqualTo("COMPLETED");
            }
        } finally {
            pool.shutdownNow();
        }
        awaitBalance(a, "115.00"); // 100 - 20 + 40 - 10 + 5
        awaitBalance(b, "80.00");
        awaitBalance(c, "105.00");
    }

    /** A deadline pending when transfer-saga dies fires after it starts again: the transfer asks, then completes. */
    @Test
    @Order(8)
    void shouldFireAPendingDeadlineAfterTheSagaRestarts() {
        String payer = open("Patient", BERLIN, "20.00");
        String munichPayee = open("Slow", MUNICH, "0");
        String id = request(payer, munichPayee, "4.00", null).getString("transferId");
        awaitStatus(id, "SENT_TO_CLEARING"); // its deadline: the cut-off (10 s) and a grace of 5 s, in the database

        transfers.kill();
        sleep(2_000);
        transfers.start(READY);

        try (KafkaTopics topics = new KafkaTopics(TestStack.get().harnessKafka())) {
            assertThat(topics.await("bank.clearing", r -> r.value().contains(id + "-pacs028-"), 1,
                    Duration.ofSeconds(60))).as("the deadline fired after the restart: a status request").isNotEmpty();
            awaitStatus(id, "AWAITING_STATUS");
            answerAsMunich(topics, id, ClearingStatus.ACSC, null);
        }
        assertThat(await(id).getString("status")).isEqualTo("COMPLETED");
        awaitBalance(payer, "16.00");
    }

    @Test
    @Order(9)
    void shouldFinishEveryTransferAfterTheSagaIsKilledMidStream() throws Exception {
        List<String> payers = new ArrayList<>();
        List<String> payees = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            payers.add(open("Payer" + i, i % 2 == 0 ? BERLIN : HAMBURG, "100.00"));
            payees.add(open("Payee" + i, i % 3 == 0 ? HAMBURG : BERLIN, "0"));
        }
        long moneyBefore = totalMoney();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(request(payers.get(i % 8), payees.get((i * 3) % 8), "7.00", null).getString("transferId"));
            if (i == 20) {
                transfers.kill();
                transfers.start(READY);
            }
        }
        Map<String, String> statuses = new HashMap<>();
        for (String id : ids) {
            JsonPath transfer = await(id);
            // every payer can afford its five transfers: one fails only when the receiving bank had not seen its
            // credit transfer when the sender, held up by the kill, asked for its status (then it is refunded)
            statuses.put(id, transfer.getString("status") + (transfer.getString("failureReason") == null ? ""
                    : " " + transfer.getString("failureReason")));
        }

        assertThat(statuses.values()).allMatch(s -> s.equals("COMPLETED") || s.equals("FAILED TIMED_OUT")
                || s.equals("FAILED REJECTED_BY_CLEARING"));
        assertThat(statuses.values()).contains("COMPLETED");
        awaitQuiet();
        assertThat(totalMoney()).as("the sum of all balances, clearing accounts included").isEqualTo(moneyBefore);
        assertThat(query("select count(*) from (select aggregateidentifier, payload::json->>'transferId' t,"
                + " count(*) c from account.domainevententry where payloadtype like '%.AccountDebitedEvent'"
                + " group by 1, 2 having count(*) > 1) twice")).as("accounts debited twice for a transfer").isZero();
    }

    private static void assertFailed(JsonPath transfer, String reason) {
        assertThat(transfer.getString("status")).isEqualTo("FAILED");
        assertThat(transfer.getString("failureReason")).isEqualTo(reason);
    }

    private static String open(String owner, String bank, String balance) {
        String iban = given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("customerId", "customer-1", "owner", owner, "currency", "EUR", "bankCode", bank))
                .post("/v1/accounts").then().statusCode(201).extract().path("iban");
        if (!balance.equals("0")) {
            given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(Map.of("amount", balance))
                    .post("/v1/accounts/{iban}/deposits", iban).then().statusCode(200);
        }
        return iban;
    }

    private static String balance(String iban) {
        return given().baseUri(accounts.baseUrl()).get("/v1/accounts/{iban}", iban)
                .then().statusCode(200).extract().path("balance");
    }

    private static JsonPath request(String debtor, String creditor, String amount, String key) {
        var request = given().baseUri(transfers.baseUrl()).contentType(ContentType.JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.body(Map.of("debtorIban", debtor, "creditorIban", creditor, "amount", amount,
                        "currency", "EUR", "reference", "it"))
                .post("/v1/transfers").then().statusCode(202).extract().jsonPath();
    }

    private static JsonPath transferAndWait(String debtor, String creditor, String amount) {
        return await(request(debtor, creditor, amount, null).getString("transferId"));
    }

    private static JsonPath await(String transferId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonPath transfer;
        do {
            transfer = given().baseUri(transfers.baseUrl()).queryParam("wait", "10s")
                    .get("/v1/transfers/{id}", transferId).then().statusCode(200).extract().jsonPath();
        } while (!List.of("COMPLETED", "FAILED").contains(transfer.getString("status"))
                && System.nanoTime() < deadline);
        return transfer;
    }

    /** The balances of a bank's clearing accounts in EUR, by IBAN. */
    private static Map<String, BigDecimal> clearingBalances(String bank) {
        Map<String, BigDecimal> balances = new LinkedHashMap<>();
        for (String iban : Clearing.accountsOf(bank, "EUR")) {
            balances.put(iban, new BigDecimal(balance(iban)));
        }
        return balances;
    }

    /** The balances after {@code amount} moved through the clearing account of the bank that the transfer picks. */
    private static Map<String, BigDecimal> moved(Map<String, BigDecimal> before, String bank, String transferId,
            String amount) {
        Map<String, BigDecimal> after = new LinkedHashMap<>(before);
        after.merge(Clearing.accountFor(bank, "EUR", transferId), new BigDecimal(amount), BigDecimal::add);
        return after;
    }

    private static void awaitClearingBalances(String bank, Map<String, BigDecimal> expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!clearingBalances(bank).equals(expected) && System.nanoTime() < deadline) {
            sleep(200);
        }
        assertThat(clearingBalances(bank)).isEqualTo(expected);
    }

    private static void awaitBalance(String iban, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!balance(iban).equals(expected) && System.nanoTime() < deadline) {
            sleep(200);
        }
        assertThat(balance(iban)).isEqualTo(expected);
    }

    /** Until no leg is waiting in bank.account.commands: the account views stop changing (at most two minutes). */
    private static void awaitQuiet() {
        long previous = -1;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (int stable = 0; stable < 3; ) {
            assertThat(System.nanoTime()).as("the account views still change after two minutes").isLessThan(deadline);
            long now = query("select coalesce(sum(version), 0) from account.account_view");
            stable = now == previous ? stable + 1 : 0;
            previous = now;
            sleep(1000);
        }
    }

    private static long totalMoney() {
        return query("select coalesce(sum(balance), 0) from account.account_view");
    }

    private static long query(String sql) {
        return StackDatabase.queryLong(sql);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
