package io.eventbank.infrastructure.banks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.eventbank.contracts.Iban;

/**
 * The banks the platform hosts. Configured as one string, {@code code:BIC:name} entries separated by commas, in
 * the property {@code eventbank.banks} (environment {@code EVENTBANK_BANKS}) of every service; by default two
 * banks, so that interbank transfers work out of the box. The first bank is where accounts open by default.
 */
public final class HostedBanks {

    public static final String DEFAULT =
            "10020030:EVBKDEBBXXX:Eventbank Berlin,20030040:EVBKDEHHXXX:Eventbank Hamburg";

    private final Map<String, Bank> byCode;

    private HostedBanks(List<Bank> banks) {
        if (banks.isEmpty()) {
            throw new IllegalArgumentException("the platform hosts at least one bank");
        }
        byCode = new LinkedHashMap<>();
        for (Bank bank : banks) {
            if (byCode.put(bank.code(), bank) != null) {
                throw new IllegalArgumentException("bank code configured twice: " + bank.code());
            }
        }
    }

    public static HostedBanks parse(Optional<String> configured) {
        return parse(configured.filter(s -> !s.isBlank()).orElse(DEFAULT));
    }

    public static HostedBanks parse(String configured) {
        List<Bank> banks = new ArrayList<>();
        for (String entry : configured.split(",")) {
            String[] parts = entry.strip().split(":", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("a hosted bank is configured as code:BIC:name, not: " + entry);
            }
            banks.add(new Bank(parts[0].strip(), parts[1].strip(), parts[2].strip()));
        }
        return new HostedBanks(banks);
    }

    public List<Bank> all() {
        return List.copyOf(byCode.values());
    }

    public Bank defaultBank() {
        return byCode.values().iterator().next();
    }

    public Optional<Bank> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The hosted bank of a German IBAN, if any. */
    public Optional<Bank> bankOf(String iban) {
        return Iban.isGerman(iban) ? byCode(Iban.bankCodeOf(iban)) : Optional.empty();
    }

    public boolean hosts(String iban) {
        return bankOf(iban).isPresent();
    }
}
