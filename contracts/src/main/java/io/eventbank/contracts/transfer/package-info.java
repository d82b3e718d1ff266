/** Commands and events of the {@code MoneyTransfer} aggregate and its saga (transfer-saga). */
package io.eventbank.contracts.transfer;
