/** transfer-saga: Transfers within and between hosted banks: the MoneyTransfer aggregate, the transfer saga, clearing and deadlines. */
package io.eventbank.transfer;
