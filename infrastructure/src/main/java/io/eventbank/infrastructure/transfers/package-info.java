/** The bodies of the services' transfer APIs, shared by the services that make transfers. */
package io.eventbank.infrastructure.transfers;
