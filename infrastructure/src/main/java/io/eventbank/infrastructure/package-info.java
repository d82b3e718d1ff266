/**
 * What the services share to move events safely: {@code json} maps messages to JSON, {@code kafka} puts event
 * metadata into CloudEvents headers and reads it back, {@code axon} runs Axon Framework on Quarkus (JTA
 * transactions, serializer, correlation, the Kafka outbox). Plain classes: each service makes its own CDI beans.
 */
package io.eventbank.infrastructure;
