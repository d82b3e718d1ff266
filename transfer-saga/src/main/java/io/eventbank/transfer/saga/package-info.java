/** The transfer saga: reacts to events, dispatches commands, keeps deadlines. */
package io.eventbank.transfer.saga;
