/**
 * Who may do what at the gateway: the roles on each endpoint ({@code @RolesAllowed}), and for customers, that an
 * account or transfer is their own ({@link Ownership}): another customer's answers 404, as if it did not exist.
 */
package io.eventbank.gateway.security;
