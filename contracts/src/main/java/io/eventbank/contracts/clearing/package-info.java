/** Interbank clearing messages on {@code bank.clearing}, modelled on ISO 20022 pacs.008 and pacs.002. */
package io.eventbank.contracts.clearing;
