/**
 * Axon Framework 4 on Quarkus, configured by hand: JTA transactions shared with Agroal's connections, Jackson as
 * the serializer everywhere, correlation and causation ids, and the Kafka outbox that publishes an event store.
 */
package io.eventbank.infrastructure.axon;
