/** Idempotency keys of creating POSTs, stored in the gateway's schema. */
package io.eventbank.gateway.idempotency;
