/**
 * Dead letters for operators: the records of the dead-letter topics (records a consumer could not read) and the
 * records a read model parked, listed in one place and re-driven one by one or all at once.
 */
package io.eventbank.ledger.deadletters;
