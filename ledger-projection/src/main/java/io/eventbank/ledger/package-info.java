/** ledger-projection: Read models built from the event topics, and their replay. */
package io.eventbank.ledger;
