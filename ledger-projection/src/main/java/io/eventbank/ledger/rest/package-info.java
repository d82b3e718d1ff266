/** The service's HTTP API. */
package io.eventbank.ledger.rest;
