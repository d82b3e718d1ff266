/**
 * The service's own small view of its accounts, written in the same transaction as their events, so that the
 * gateway's immediate answer (after opening an account, a deposit, ...) is never stale. The platform's read models
 * proper are ledger-projection's.
 */
package io.eventbank.account.view;
