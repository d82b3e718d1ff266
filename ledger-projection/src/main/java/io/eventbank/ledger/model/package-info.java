/**
 * The read models as Hibernate ORM Panache entities, for queries. Every row has a generation: the live generation
 * serves, a replay builds the next one beside it. The projection writes them with plain SQL in its own transactions.
 */
package io.eventbank.ledger.model;
