package io.eventbank.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;

import io.eventbank.client.ApiClient;
import io.eventbank.client.ApiException;
import io.eventbank.client.api.AccountsApi;
import io.eventbank.client.api.AuditApi;
import io.eventbank.client.api.BanksApi;
import io.eventbank.client.api.TransfersApi;
import io.eventbank.client.model.Account;
import io.eventbank.client.model.Bank;
import io.eventbank.client.model.Event;
import io.eventbank.client.model.MoneyMovementRequest;
import io.eventbank.client.model.OpenAccountRequest;
import io.eventbank.client.model.Problem;
import io.eventbank.client.model.Transfer;
import io.eventbank.client.model.TransferRequest;
import io.eventbank.devstack.testing.PlatformUnderTest;
import io.eventbank.devstack.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document as a user takes it: a Java client generated from it (openapi-generator, this module's build),
 * and a tour of the running platform through that client alone. The client refuses any field the document does not
 * describe, and any value of an enumeration it does not list, so an answer that strays from the document fails here.
 */
class ClientTourIT {

    private static PlatformUnderTest platform;
    private static String gatewayUrl;

    @BeforeAll
    static void start() {
        platform = PlatformUnderTest.start(Map.of());
        gatewayUrl = platform.gatewayUrl();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    /** A client of the generated kind, signed in with a bearer token, strict about what the document says. */
    private static ApiClient clientWith(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(gatewayUrl);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        client.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        client.setReadTimeout(Duration.ofSeconds(40));
        return client;
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void shouldOpenDepositTransferAndReadThroughTheGeneratedClient() throws Exception {
        ApiClient customer = clientWith(TestTokens.customer("tour-" + UUID.randomUUID()));
        AccountsApi accounts = new AccountsApi(customer);
        TransfersApi transfers = new TransfersApi(customer);

        assertThat(new BanksApi(customer).listBanks().getItems()).extracting(Bank::getBankCode)
                .contains("10020030", "20030040");

        Account payer = accounts.openAccount(new OpenAccountRequest().owner("Ada Tour").currency("EUR")
                .bankCode("10020030"), key(), null);
        Account payee = accounts.openAccount(new OpenAccountRequest().owner("Ada Tour").currency("EUR")
                .bankCode("10020030"), key(), null);
        assertThat(payer.getStatus()).isEqualTo(Account.StatusEnum.OPEN);
        assertThat(payer.getBalance()).isEqualTo("0.00");

        Account funded = accounts.deposit(payer.getIban(), new MoneyMovementRequest().amount("100.00"), key(), null);
        assertThat(funded.getBalance()).isEqualTo("100.00");

        Transfer sent = transfers.requestTransfer(new TransferRequest().debtorIban(payer.getIban())
                .creditorIban(payee.getIban()).amount("30.00").currency("EUR").reference("tour"), "10s", key(), null);
        assertThat(sent.getStatus()).isEqualTo(Transfer.StatusEnum.COMPLETED);
        assertThat(sent.getInterbank()).isFalse();

        Transfer read = transfers.getTransfer(sent.getTransferId(), null, null);
        assertThat(read.getStatus()).isEqualTo(Transfer.StatusEnum.COMPLETED);
        assertThat(read.getAmount()).isEqualTo("30.00");
        assertThat(read.getTimeline()).isNotEmpty();
        assertThat(accounts.getAccount(payer.getIban(), null, null, null).getBalance()).isEqualTo("70.00");
        assertThat(accounts.getAccount(payee.getIban(), null, null, null).getBalance()).isEqualTo("30.00");
        assertThat(accounts.getStatement(payee.getIban(), null, null).getItems()).hasSize(1);

        // more than the payer has: booked as FAILED, and nothing moves
        Transfer refused = transfers.requestTransfer(new TransferRequest().debtorIban(payer.getIban())
                .creditorIban(payee.getIban()).amount("1000.00").currency("EUR"), "10s", key(), null);
        assertThat(refused.getStatus()).isEqualTo(Transfer.StatusEnum.FAILED);
        assertThat(refused.getFailureReason()).isEqualTo(Transfer.FailureReasonEnum.INSUFFICIENT_FUNDS);

        // a refusal is a problem with its stable type, which the generated model reads
        ApiException tooMuch = catchThrowableOfType(ApiException.class, () -> accounts.withdraw(payer.getIban(),
                new MoneyMovementRequest().amount("1000.00"), key(), null));
        assertThat(tooMuch.getCode()).isEqualTo(422);
        Problem problem = customer.getObjectMapper().readValue(tooMuch.getResponseBody(), Problem.class);
        assertThat(problem.getType()).isEqualTo("https://eventbank.io/problems/insufficient-funds");
        assertThat(problem.getStatus()).isEqualTo(422);

        ApiException malformed = catchThrowableOfType(ApiException.class, () -> accounts.deposit(payer.getIban(),
                new MoneyMovementRequest().amount("1.234"), key(), null));
        assertThat(malformed.getCode()).isEqualTo(400);
        assertThat(customer.getObjectMapper().readValue(malformed.getResponseBody(), Problem.class).getField())
                .isEqualTo("amount");
        assertThat(accounts.getAccount(payer.getIban(), null, null, null).getBalance()).isEqualTo("70.00");

        // the auditor follows the transfer in the audit log: its two events, under the transfer's id
        AuditApi audit = new AuditApi(clientWith(TestTokens.auditor()));
        assertThat(audit.listEvents(null, null, null, null, null, null, sent.getTransferId(), null).getItems())
                .extracting(Event::getType).contains("AccountDebitedEvent", "AccountCreditedEvent");
    }
}
