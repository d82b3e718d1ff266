/**
 * The messages that cross service boundaries, as immutable records: one sub-package per aggregate or flow. Only the
 * JDK and Axon's {@code @TargetAggregateIdentifier} and {@code @Revision} may be used here.
 */
package io.eventbank.contracts;
