/** The Kafka Streams topology: screenings and account events in, verdicts out, each account's state in stores. */
package io.eventbank.risk.stream;
