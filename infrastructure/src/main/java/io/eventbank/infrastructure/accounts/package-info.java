/** The bodies of account-service's internal API, shared by account-service and the gateway that calls it. */
package io.eventbank.infrastructure.accounts;
