/**
 * The platform's local token issuer: a signing key pair kept under the platform's home, and bearer tokens (JWT, RS256)
 * signed with it for customers, operators, auditors and the services themselves. With an external OpenID Connect
 * issuer, the services verify that issuer's tokens instead (docs/operations.md).
 */
package io.eventbank.devstack.tokens;
