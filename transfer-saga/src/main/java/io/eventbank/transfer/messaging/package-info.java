/** Kafka in and out: publication of the event store and consumption of commands. */
package io.eventbank.transfer.messaging;
