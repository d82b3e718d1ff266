/** Commands and events of the {@code BankAccount} aggregate (account-service). */
package io.eventbank.contracts.account;
