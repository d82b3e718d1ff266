/**
 * Screening of transfers by the risk engine: the requests on {@code bank.risk.screenings} and its verdicts on
 * {@code bank.risk.decisions}, both keyed by the payer's IBAN so that one account's screenings are decided in order.
 */
package io.eventbank.contracts.risk;
