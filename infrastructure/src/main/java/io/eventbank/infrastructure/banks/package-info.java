/** The banks the platform hosts, from configuration ({@code eventbank.banks}), the same in every service. */
package io.eventbank.infrastructure.banks;
