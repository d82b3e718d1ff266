/**
 * Traces through every service (OpenTelemetry, W3C trace context): a request's trace goes on in the commands and
 * events it causes (Axon metadata {@code traceparent}), in the records on Kafka (header {@code traceparent}) and in
 * what their consumers do. Spans leave a service only when an OTLP endpoint is configured, and without one only a
 * caller's sampled trace is recorded ({@link TraceExport}).
 */
package io.eventbank.infrastructure.tracing;
