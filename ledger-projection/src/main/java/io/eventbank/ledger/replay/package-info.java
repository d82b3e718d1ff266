/** Rebuilding read models from the topics without downtime. */
package io.eventbank.ledger.replay;
