/**
 * Who calls: bearer tokens (JWT) verified by every service, the roles ({@link Roles}), the problem answers for a
 * missing or refused token, and the service token that the gateway (and the ledger) send to the internal services.
 */
package io.eventbank.infrastructure.security;
