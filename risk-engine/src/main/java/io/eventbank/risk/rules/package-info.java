/** The rules, pure functions of a screening and the account's history: no Kafka, no clock. */
package io.eventbank.risk.rules;
