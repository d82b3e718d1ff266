/** Kafka in and out: publication of the event store and consumption of commands. */
package io.eventbank.account.messaging;
