/** Interbank clearing on bank.clearing, modelled on ISO 20022. */
package io.eventbank.transfer.clearing;
