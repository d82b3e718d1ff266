/**
 * The service's own view of its transfers and their timelines, written in the same transaction as their events, for
 * the gateway's immediate answers. The platform's read models proper are ledger-projection's.
 */
package io.eventbank.transfer.view;
