/** api-gateway: The public REST API, idempotency keys, the audit stream. */
package io.eventbank.gateway;
