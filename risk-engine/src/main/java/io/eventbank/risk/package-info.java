/**
 * risk-engine: screens every transfer before money moves, on Kafka Streams. Its state (each account's facts, recent
 * screenings and known payees) lives in state stores changelogged to Kafka; it has no database of its own.
 */
package io.eventbank.risk;
