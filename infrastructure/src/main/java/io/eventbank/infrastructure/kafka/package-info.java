/**
 * Events and commands on Kafka: the value is the message's JSON, the metadata travels as CloudEvents headers in
 * binary mode ({@code ce_id}, {@code ce_type}, {@code ce_time}, ... and the extensions {@code ce_aggregateid},
 * {@code ce_sequence}, {@code ce_revision}, {@code ce_correlationid}, {@code ce_causationid}).
 */
package io.eventbank.infrastructure.kafka;
