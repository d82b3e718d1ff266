package io.eventbank.contracts.transfer;

/** Every event of a transfer names it; its id is the Kafka key of {@code bank.transfer.events}. */
public interface TransferEvent {

    String transferId();
}
