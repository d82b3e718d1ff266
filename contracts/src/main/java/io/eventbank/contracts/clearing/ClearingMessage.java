package io.eventbank.contracts.clearing;

/** A message on {@code bank.clearing}, keyed by the bank it is for. */
public interface ClearingMessage {

    String messageId();

    /** The bank code of the bank that sends it. */
    String instructingBank();

    /** The bank code of the bank it is for: the Kafka key. */
    String instructedBank();
}
