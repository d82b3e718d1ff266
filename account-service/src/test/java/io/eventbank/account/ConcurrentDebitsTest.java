package io.eventbank.account;

import static io.eventbank.account.AccountTestSupport.balanceOf;
import static io.eventbank.account.AccountTestSupport.openAccount;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import io.eventbank.account.domain.Outcome;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.DebitAccountCommand;
import io.quarkus.test.junit.QuarkusTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

/** No overdraft beyond the limit, under any concurrency; the accepted debits match the balance exactly. */
@QuarkusTest
class ConcurrentDebitsTest {

    @Inject
    CommandGateway commands;

    @Test
    void shouldNeverDebitBelowTheOverdraftLimitUnderParallelDebits() throws Exception {
        String payer = openAccount("Contended", "100.00", "25.00");
        Money debit = Money.parse("7.00", "EUR");
        int attempts = 40;

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Outcome>> tasks = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            tasks.add(() -> commands.sendAndWait(new DebitAccountCommand(payer, UUID.randomUUID().toString(), debit,
                    payer, null)));
        }
        int accepted = 0;
        for (Future<Outcome> outcome : pool.invokeAll(tasks)) {
            if (outcome.get().accepted()) {
                accepted++;
            }
        }
        pool.shutdown();

        // 125.00 of room at 7.00 a debit: 17 debits fit, the 18th would go to -26.00
        assertThat(accepted).isEqualTo(17);
        assertThat(balanceOf(payer)).isEqualTo(Money.of(10_000 - 17 * 700, "EUR").toDecimalString());
    }
}
