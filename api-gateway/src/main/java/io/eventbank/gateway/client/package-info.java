/** REST clients of the internal service APIs. */
package io.eventbank.gateway.client;
