/** Health checks and metrics every service shares. */
package io.eventbank.infrastructure.health;
