/** risk-engine's internal API, for the gateway: the live analytics. */
package io.eventbank.risk.rest;
