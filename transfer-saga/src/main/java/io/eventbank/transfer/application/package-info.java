/** Use cases: requesting a transfer once per idempotency key, reading a transfer. */
package io.eventbank.transfer.application;
