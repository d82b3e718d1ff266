/**
 * The platform's rules for request fields as Bean Validation constraints, one place for the gateway and the services:
 * {@link io.eventbank.infrastructure.validation.Iban}, {@link io.eventbank.infrastructure.validation.CurrencyCode},
 * {@link io.eventbank.infrastructure.validation.Decimal}, {@link io.eventbank.infrastructure.validation.Text} and
 * {@link io.eventbank.infrastructure.validation.OperationId}. A violation is answered as a 400
 * {@code validation-failed} naming the field ({@link io.eventbank.infrastructure.rest.ProblemMappers}).
 */
package io.eventbank.infrastructure.validation;
