/**
 * The business range of money every service holds to ({@link io.eventbank.contracts.MoneyRange}), from the settings
 * {@code eventbank.money.*}, one set for the whole platform.
 */
package io.eventbank.infrastructure.money;
