/** Read-model entities (Hibernate ORM Panache) and their repositories. */
package io.eventbank.ledger.model;
