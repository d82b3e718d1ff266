/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}) with a stable {@code type} per error, the
 * same in every service: refusals, invalid input, malformed JSON, unknown routes, and the unexpected.
 */
package io.eventbank.infrastructure.rest;
