/** account-service: Event-sourced bank accounts (the BankAccount aggregate) and their publication to Kafka. */
package io.eventbank.account;
