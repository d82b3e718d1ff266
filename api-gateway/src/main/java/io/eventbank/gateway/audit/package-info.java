/** The audit log and its live Server-Sent Events stream. */
package io.eventbank.gateway.audit;
