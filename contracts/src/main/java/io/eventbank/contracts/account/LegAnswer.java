package io.eventbank.contracts.account;

/** An account's answer to a leg of a transfer (a debit, credit or refund, taken or refused): names the transfer. */
public interface LegAnswer extends AccountEvent {

    String transferId();
}
