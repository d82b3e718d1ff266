/** The verification: the invariants checked on the read models, and the read models against the services' own state. */
package io.eventbank.ledger.verify;
