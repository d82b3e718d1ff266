package io.eventbank.risk.stream;

import java.time.Instant;
import java.util.Set;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.AccountOpenedEvent;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.contracts.account.MoneyDepositedEvent;
import io.eventbank.infrastructure.events.Messages;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.jboss.logging.Logger;

/**
 * What the rules need of an account's events: when it was opened and first funded (a deposit or a credit), and whom
 * it has paid (a booked debit names its payee); and the live analytics' transfers, volume and failures, counted on
 * the payer's side (a debit, or its refusal, or its refund by clearing; clearing accounts' own legs are not customers'
 * transfers). Every other event is passed over unread. Applying an event twice (the outbox may send one twice)
 * changes nothing: the facts are the earliest seen, and an event whose sequence the account has counted is not
 * counted again.
 */
final class AccountFacts implements Processor<String, String, Void, Void> {

    private static final Logger LOG = Logger.getLogger(AccountFacts.class);
    private static final Set<String> READ = Set.of(AccountOpenedEvent.class.getName(),
            MoneyDepositedEvent.class.getName(), AccountCreditedEvent.class.getName(),
            AccountDebitedEvent.class.getName(), AccountDebitRejectedEvent.class.getName(),
            DebitRefundedEvent.class.getName());

    private KeyValueStore<String, AccountState> accounts;
    private KeyValueStore<String, Long> payees;
    private WindowStore<String, Activity> activity;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        accounts = context.getStateStore(RiskTopology.ACCOUNTS);
        payees = context.getStateStore(RiskTopology.PAYEES);
        activity = context.getStateStore(RiskTopology.ACTIVITY);
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.key() == null || !READ.contains(CloudEventHeaders.text(record.headers(), CloudEventHeaders.TYPE))) {
            return;
        }
        Object event;
        Instant at;
        Long sequence;
        try {
            EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
            event = Messages.platform().read(envelope);
            sequence = envelope.sequence();
            at = envelope.timestamp() != null ? envelope.timestamp() : Instant.ofEpochMilli(record.timestamp());
        } catch (MalformedMessageException | IllegalArgumentException e) {
            // the ledger parks what it cannot read; here it only means a fact less
            LOG.warnf("an account event of %s cannot be read, passed over: %s", record.key(), e.getMessage());
            return;
        }
        String iban = record.key();
        AccountState state = accounts.get(iban);
        AccountState known = state == null ? AccountState.UNKNOWN : state;
        boolean counted = sequence != null && sequence <= known.lastSequence();
        AccountState updated = known;
        if (event instanceof AccountOpenedEvent) {
            updated = known.opened(at);
        } else if (event instanceof MoneyDepositedEvent || event instanceof AccountCreditedEvent) {
            updated = known.funded(at);
        } else if (event instanceof AccountDebitedEvent debited) {
            if (debited.counterpartyIban() != null) {
                payees.putIfAbsent(RiskTopology.payee(iban, debited.counterpartyIban()), at.toEpochMilli());
            }
            count(iban, debited.amount(), at, counted, new Activity(1, debited.amount().minorUnits(), 0, 0, 0));
        } else if (event instanceof AccountDebitRejectedEvent rejected) {
            count(iban, rejected.amount(), at, counted, new Activity(1, 0, 1, 0, 0));
        } else if (event instanceof DebitRefundedEvent refunded) {
            count(iban, refunded.amount(), at, counted, new Activity(0, 0, 1, 0, 0));
        }
        if (sequence != null) {
            updated = updated.counted(sequence);
        }
        if (!updated.equals(state)) {
            accounts.put(iban, updated);
        }
    }

    private void count(String iban, Money amount, Instant at, boolean counted, Activity activity) {
        if (!counted && !Clearing.isClearingAccount(iban)) {
            RiskTopology.count(this.activity, iban, amount.currency(), at.toEpochMilli(), activity);
        }
    }
}
