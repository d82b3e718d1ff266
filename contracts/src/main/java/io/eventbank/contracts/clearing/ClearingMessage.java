package io.eventbank.contracts.clearing;

/** A message on {@code bank.clearing}, keyed by the bank it is for. */
public sealed interface ClearingMessage permits CreditTransferMessage, PaymentStatusRequest, PaymentStatusReport {

    String messageId();

    /** The bank code of the bank that sends it. */
    String instructingBank();

    /** The bank code of the bank it is for: the Kafka key. */
    String instructedBank();
}
