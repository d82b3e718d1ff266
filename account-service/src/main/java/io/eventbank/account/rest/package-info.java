/** The service's HTTP API. */
package io.eventbank.account.rest;
