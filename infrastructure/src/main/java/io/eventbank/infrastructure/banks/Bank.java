package io.eventbank.infrastructure.banks;

/** A hosted bank: its 8-digit German bank code (Bankleitzahl), its BIC and its name. */
public record Bank(String code, String bic, String name) {

    public Bank {
        if (code == null || !code.matches("[0-9]{8}")) {
            throw new IllegalArgumentException("a bank code has 8 digits: " + code);
        }
        if (bic == null || !bic.matches("[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?")) {
            throw new IllegalArgumentException("not a BIC: " + bic);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a bank needs a name");
        }
    }
}
