/** The service's HTTP API. */
package io.eventbank.gateway.rest;
