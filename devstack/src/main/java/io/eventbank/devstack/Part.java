package io.eventbank.devstack;

/** A part of the platform: PostgreSQL, the Kafka broker, or one of the five services (what the chaos suite kills). */
public enum Part {
    POSTGRES("postgres"),
    KAFKA("kafka"),
    ACCOUNT_SERVICE("account-service"),
    TRANSFER_SAGA("transfer-saga"),
    LEDGER_PROJECTION("ledger-projection"),
    RISK_ENGINE("risk-engine"),
    API_GATEWAY("api-gateway");

    private final String label;

    Part(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isService() {
        return this != POSTGRES && this != KAFKA;
    }

    public static Part of(String label) {
        for (Part part : values()) {
            if (part.label.equals(label)) {
                return part;
            }
        }
        throw new IllegalArgumentException("no part " + label);
    }
}
