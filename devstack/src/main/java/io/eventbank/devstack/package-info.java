/**
 * devstack: the infrastructure the platform runs on locally and in tests, started from what a fresh machine has
 * (a JDK and PostgreSQL's server binaries). {@link io.eventbank.devstack.Launcher} is {@code ./eventbank};
 * {@link io.eventbank.devstack.TestStack} gives every test JVM a fresh database and a Kafka broker of its own.
 */
package io.eventbank.devstack;
