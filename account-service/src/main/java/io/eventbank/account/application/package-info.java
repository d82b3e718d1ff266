/** Use cases over the aggregate: opening accounts with new IBANs, the clearing accounts, commands with correlation. */
package io.eventbank.account.application;
