/**
 * The platform's messages read back as the contracts' records, wherever they come from: by their type and revision,
 * through one chain of upcasters that the event stores and every Kafka reader share ({@link Messages},
 * {@link Upcasters}).
 */
package io.eventbank.infrastructure.events;
