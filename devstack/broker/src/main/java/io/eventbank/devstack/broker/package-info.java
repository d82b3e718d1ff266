/**
 * The Kafka broker of devstack: a single-node KRaft broker run from Maven Central's jars in its own JVM, and the
 * creation of the topics listed in {@code config/kafka-topics.conf}.
 */
package io.eventbank.devstack.broker;
