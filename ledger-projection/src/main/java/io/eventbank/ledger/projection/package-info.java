/** Handlers that apply events to the read models, exactly once. */
package io.eventbank.ledger.projection;
