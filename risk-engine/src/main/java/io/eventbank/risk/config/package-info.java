/** risk-engine's typed settings: the rules' windows and each currency's limits. */
package io.eventbank.risk.config;
