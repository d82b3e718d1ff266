/** The aggregate: decisions in command handlers, state in event-sourcing handlers. */
package io.eventbank.transfer.domain;
