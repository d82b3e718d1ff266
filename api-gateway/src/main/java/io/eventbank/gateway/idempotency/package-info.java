/** Idempotency keys of creating POST requests. */
package io.eventbank.gateway.idempotency;
