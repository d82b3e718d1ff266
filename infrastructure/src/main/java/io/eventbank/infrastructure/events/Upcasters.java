package io.eventbank.infrastructure.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.AccountOpenedEvent;

/**
 * Every upcaster of the platform, in one list: a message whose shape changed gets a new revision and a step here, and
 * the event stores and every Kafka reader read its older revisions through the same steps.
 */
public final class Upcasters {

    /** The platform's steps, oldest first within a type. */
    public static final List<Upcaster> ALL = List.of(
            // revision 2 names the customer who owns the account; an account opened before has no owner, so that no
            // customer's token reaches it
            Upcaster.of(AccountOpenedEvent.class, "1", "2", payload -> payload.putNull("customerId")),
            // revision 2 says whether account-service booked the transfer by itself (a transfer within one bank);
            // before, every transfer went through transfer-saga
            Upcaster.of(AccountDebitedEvent.class, "1", "2", payload -> payload.put("direct", false)),
            Upcaster.of(AccountCreditedEvent.class, "1", "2", payload -> payload.put("direct", false)),
            // revision 2 also names the payee and the reference, for a transfer that fails with this event alone
            Upcaster.of(AccountDebitRejectedEvent.class, "1", "2", payload -> payload.putNull("counterpartyIban")
                    .putNull("reference").put("direct", false)));

    private static final Upcasters PLATFORM = new Upcasters(ALL);

    private final Map<String, Upcaster> byTypeAndRevision = new HashMap<>();

    public Upcasters(List<Upcaster> steps) {
        for (Upcaster step : steps) {
            if (byTypeAndRevision.put(key(step.type(), step.from()), step) != null) {
                throw new IllegalArgumentException("two upcasters from revision " + step.from() + " of " + step.type());
            }
        }
    }

    public static Upcasters platform() {
        return PLATFORM;
    }

    /** Whether revision {@code revision} of {@code type} has a step to a later one. */
    public boolean upcasts(String type, String revision) {
        return byTypeAndRevision.containsKey(key(type, revision));
    }

    /** Takes {@code payload} from {@code revision} as far as the steps go; answers the revision it reached. */
    public String upcast(String type, String revision, ObjectNode payload) {
        String reached = revision;
        for (Upcaster step = byTypeAndRevision.get(key(type, reached)); step != null;
                step = byTypeAndRevision.get(key(type, reached))) {
            step.change().accept(payload);
            reached = step.to();
        }
        return reached;
    }

    /** The revision that {@code revision} of {@code type} reaches through the steps. */
    public String reaches(String type, String revision) {
        String reached = revision;
        for (Upcaster step = byTypeAndRevision.get(key(type, reached)); step != null;
                step = byTypeAndRevision.get(key(type, reached))) {
            reached = step.to();
        }
        return reached;
    }

    private static String key(String type, String revision) {
        return type + "#" + Objects.requireNonNullElse(revision, "");
    }
}
