/** The one JSON mapping of messages, aggregates and sagas: fields, not getters; ISO-8601 times. */
package io.eventbank.infrastructure.json;
