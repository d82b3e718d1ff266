/**
 * {@code ./eventbank bench}: the platform's benchmark. It starts the platform on parts of its own, runs pgbench on
 * the same PostgreSQL, drives transfers through the public API (a ramp to the highest rate the platform keeps up
 * with, then an open loop at a set rate), and writes a report with figures and plots.
 */
package io.eventbank.devstack.bench;
