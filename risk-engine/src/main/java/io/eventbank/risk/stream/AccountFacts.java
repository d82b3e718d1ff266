package io.eventbank.risk.stream;

import java.time.Instant;
import java.util.Set;

import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.AccountOpenedEvent;
import io.eventbank.contracts.account.MoneyDepositedEvent;
import io.eventbank.infrastructure.events.Messages;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * What the rules need of an account's events: when it was opened and first funded (a deposit or a credit), and whom
 * it has paid (a booked debit names its payee). Every other event is passed over unread. Applying an event twice
 * (the outbox may send one twice) changes nothing.
 */
final class AccountFacts implements Processor<String, String, Void, Void> {

    private static final Logger LOG = Logger.getLogger(AccountFacts.class);
    private static final Set<String> READ = Set.of(AccountOpenedEvent.class.getName(),
            MoneyDepositedEvent.class.getName(), AccountCreditedEvent.class.getName(),
            AccountDebitedEvent.class.getName());

    private KeyValueStore<String, AccountState> accounts;
    private KeyValueStore<String, Long> payees;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        accounts = context.getStateStore(RiskTopology.ACCOUNTS);
        payees = context.getStateStore(RiskTopology.PAYEES);
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.key() == null || !READ.contains(CloudEventHeaders.text(record.headers(), CloudEventHeaders.TYPE))) {
            return;
        }
        Object event;
        Instant at;
        try {
            EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
            event = Messages.platform().read(envelope);
            at = envelope.timestamp() != null ? envelope.timestamp() : Instant.ofEpochMilli(record.timestamp());
        } catch (MalformedMessageException | IllegalArgumentException e) {
            // the ledger parks what it cannot read; here it only means a fact less
            LOG.warnf("an account event of %s cannot be read, passed over: %s", record.key(), e.getMessage());
            return;
        }
        String iban = record.key();
        AccountState state = accounts.get(iban);
        AccountState known = state == null ? AccountState.UNKNOWN : state;
        if (event instanceof AccountOpenedEvent) {
            accounts.put(iban, known.opened(at));
        } else if (event instanceof MoneyDepositedEvent || event instanceof AccountCreditedEvent) {
            if (known.fundedAt() == null || at.isBefore(known.fundedAt())) {
                accounts.put(iban, known.funded(at));
            }
        } else if (event instanceof AccountDebitedEvent debited && debited.counterpartyIban() != null) {
            payees.putIfAbsent(RiskTopology.payee(iban, debited.counterpartyIban()), at.toEpochMilli());
        }
    }
}
