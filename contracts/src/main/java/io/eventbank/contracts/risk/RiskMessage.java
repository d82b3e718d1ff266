package io.eventbank.contracts.risk;

import io.eventbank.contracts.Money;

/** A message of the risk engine's topics; its Kafka key is the payer's IBAN. */
public sealed interface RiskMessage permits ScreenTransferCommand, TransferScreenedEvent {

    String transferId();

    String debtorIban();

    String creditorIban();

    Money amount();
}
