/** The service's HTTP API. */
package io.eventbank.transfer.rest;
