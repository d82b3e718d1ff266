/** The audit log for clients: JSON pages and the live Server-Sent Events stream. */
package io.eventbank.gateway.audit;
