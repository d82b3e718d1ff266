package io.eventbank.risk.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.eventbank.contracts.risk.RiskFinding;
import io.eventbank.contracts.risk.RiskVerdict;
import io.eventbank.contracts.risk.ScreenTransferCommand;
import io.eventbank.contracts.risk.TransferScreenedEvent;
import io.eventbank.infrastructure.events.Messages;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import io.eventbank.risk.rules.History;
import io.eventbank.risk.rules.Rules;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.axonframework.serialization.Revision;
import org.jboss.logging.Logger;

/**
 * Screens each transfer once: the rules over the account's state, a verdict forwarded to {@value RiskTopology#DECISIONS},
 * the state brought up to date. A transfer screened before (a retry of the request, or a record read again after a
 * crash) is answered with the verdict it was given, and counted once. Times are the screenings' own
 * ({@code requestedAt}), never the engine's clock: a replay decides as the first reading did.
 */
final class Screener implements Processor<String, String, String, String> {

    private static final Logger LOG = Logger.getLogger(Screener.class);
    private static final String SOURCE = "risk-engine";
    private static final String REVISION = TransferScreenedEvent.class.getAnnotation(Revision.class).value();

    private final Rules rules;
    private final Duration window;
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, AccountState> accounts;
    private KeyValueStore<String, Long> payees;
    private WindowStore<String, History.Recent> recent;
    private WindowStore<String, TransferScreenedEvent> verdicts;
    private WindowStore<String, Activity> activity;
    private KeyValueStore<String, Long> flags;

    Screener(Rules rules) {
        this.rules = rules;
        this.window = rules.limits().window();
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        accounts = context.getStateStore(RiskTopology.ACCOUNTS);
        payees = context.getStateStore(RiskTopology.PAYEES);
        recent = context.getStateStore(RiskTopology.RECENT);
        verdicts = context.getStateStore(RiskTopology.VERDICTS);
        activity = context.getStateStore(RiskTopology.ACTIVITY);
        flags = context.getStateStore(RiskTopology.FLAGS);
    }

    @Override
    public void process(Record<String, String> record) {
        EventEnvelope envelope;
        ScreenTransferCommand screening;
        try {
            envelope = CloudEventHeaders.read(record.headers(), record.value());
            if (!(Messages.platform().read(envelope) instanceof ScreenTransferCommand read)) {
                throw new MalformedMessageException("not a screening: " + envelope.type());
            }
            screening = checked(read, record.key());
        } catch (MalformedMessageException | IllegalArgumentException e) {
            // no verdict: the one who asked waits its bounded time and follows the fail-safe policy
            LOG.warnf("a screening for %s cannot be read, passed over: %s", record.key(), e.getMessage());
            return;
        }
        long at = screening.requestedAt().toEpochMilli();
        TransferScreenedEvent verdict = earlierVerdict(screening.transferId(), at);
        if (verdict == null) {
            verdict = screen(screening, at);
        }
        forward(verdict, envelope, record);
    }

    private TransferScreenedEvent screen(ScreenTransferCommand screening, long at) {
        String iban = screening.debtorIban();
        AccountState stored = accounts.get(iban);
        AccountState account = stored == null ? AccountState.UNKNOWN : stored;
        String payee = RiskTopology.payee(iban, screening.creditorIban());
        boolean knownPayee = payees.get(payee) != null;
        History history = new History(account.openedAt(), account.fundedAt(), recentOf(iban, at), knownPayee,
                account.usual());
        List<RiskFinding> findings = rules.findings(screening, history);
        RiskVerdict verdict = findings.isEmpty() ? RiskVerdict.CLEAN : RiskVerdict.HOLD;
        long amount = screening.amount().minorUnits();
        recent.put(RiskTopology.recent(iban, screening.transferId()),
                new History.Recent(screening.transferId(), amount, !knownPayee), at);
        if (verdict == RiskVerdict.CLEAN) {
            // a held transfer teaches nothing until it is booked: its debit, once released, names the payee
            payees.putIfAbsent(payee, at);
            accounts.put(iban, account.sent(amount));
        }
        TransferScreenedEvent screened = new TransferScreenedEvent(screening.transferId(), iban,
                screening.creditorIban(), screening.amount(), verdict, findings, screening.requestedAt());
        verdicts.put(screening.transferId(), screened, at);
        boolean held = verdict == RiskVerdict.HOLD;
        RiskTopology.count(activity, iban, screening.amount().currency(), at, new Activity(0, 0, 0, 1, held ? 1 : 0));
        if (held) {
            Long before = flags.get(iban);
            flags.put(iban, before == null ? 1 : before + 1);
        }
        return screened;
    }

    /** The account's screenings within the window before {@code at}, oldest first. */
    private List<History.Recent> recentOf(String iban, long at) {
        List<History.Recent> within = new ArrayList<>();
        String[] range = RiskTopology.recentRange(iban);
        try (KeyValueIterator<Windowed<String>, History.Recent> found = recent.fetch(range[0], range[1],
                at - window.toMillis(), at)) {
            found.forEachRemaining(entry -> within.add(entry.value));
        }
        return within;
    }

    /** The verdict a transfer was given already, if it was screened within the time verdicts are kept. */
    private TransferScreenedEvent earlierVerdict(String transferId, long at) {
        // from the retention's start to a day past this request: a retry is asked later, but clocks differ
        try (WindowStoreIterator<TransferScreenedEvent> found = verdicts.fetch(transferId, 0L,
                at + Duration.ofDays(1).toMillis())) {
            TransferScreenedEvent first = null;
            while (found.hasNext()) {
                KeyValue<Long, TransferScreenedEvent> entry = found.next();
                first = first == null ? entry.value : first;
            }
            return first;
        }
    }

    private void forward(TransferScreenedEvent verdict, EventEnvelope request, Record<String, String> record) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(verdict);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a verdict cannot be written", e);
        }
        // the same id for the same transfer's verdict, however often it is sent: readers apply it once
        String id = UUID.nameUUIDFromBytes(("risk-verdict " + verdict.transferId()).getBytes(StandardCharsets.UTF_8))
                .toString();
        EventEnvelope envelope = new EventEnvelope(id, TransferScreenedEvent.class.getName(), REVISION, SOURCE,
                verdict.debtorIban(), null, verdict.screenedAt(),
                request.correlationId() != null ? request.correlationId() : request.id(), request.id(), json,
                request.traceParent());
        context.forward(new Record<>(verdict.debtorIban(), json, record.timestamp(),
                CloudEventHeaders.write(envelope)));
    }

    /** A screening that can be acted on: keyed by its payer, with a positive amount and its times. */
    private static ScreenTransferCommand checked(ScreenTransferCommand screening, String key) {
        if (screening.transferId() == null || screening.debtorIban() == null || screening.creditorIban() == null
                || screening.amount() == null || screening.requestedAt() == null) {
            throw new MalformedMessageException("a screening names its transfer, payer, payee, amount and time");
        }
        if (!screening.debtorIban().equals(key)) {
            throw new MalformedMessageException("a screening is keyed by its payer's IBAN");
        }
        if (screening.amount().minorUnits() <= 0) {
            throw new MalformedMessageException("a screened amount is above zero");
        }
        return screening;
    }
}
