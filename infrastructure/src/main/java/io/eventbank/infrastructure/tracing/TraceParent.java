package io.eventbank.infrastructure.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

/**
 * The W3C {@code traceparent} of a span ({@code 00-<trace id>-<span id>-<flags>}), as it travels in Axon metadata and
 * Kafka headers under the same name. A value that is not one (from a hostile record, say) is no trace context: it is
 * left out, and nothing fails for it.
 */
public final class TraceParent {

    /** The Kafka header and the Axon metadata key. */
    public static final String NAME = "traceparent";

    /** {@code 00-<32 hex>-<16 hex>-<2 hex>}, lower case. */
    private static final int LENGTH = 55;
    private static final String INVALID_TRACE = "0".repeat(32);
    private static final String INVALID_SPAN = "0".repeat(16);

    private TraceParent() {
    }

    /** The value when it is a W3C trace parent (version 00, ids not all zero); null otherwise. */
    public static String sensible(Object value) {
        if (!(value instanceof String text) || !isW3c(text)) {
            return null;
        }
        return text.substring(3, 35).equals(INVALID_TRACE) || text.substring(36, 52).equals(INVALID_SPAN) ? null : text;
    }

    /** Checked by hand, not by a regular expression: every record every consumer reads passes here. */
    private static boolean isW3c(String text) {
        if (text.length() != LENGTH || !text.startsWith("00-")) {
            return false;
        }
        for (int i = 3; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean dash = i == 35 || i == 52;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** The trace parent of the span running now; null when none is. */
    public static String current() {
        return of(Span.current().getSpanContext());
    }

    public static String of(SpanContext span) {
        return span.isValid()
                ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex()
                : null;
    }

    /** The context whose remote parent {@code traceparent} names; the root context when it names none. */
    public static Context parent(String traceparent) {
        String value = sensible(traceparent);
        if (value == null) {
            return Context.root();
        }
        SpanContext remote = SpanContext.createFromRemoteParent(value.substring(3, 35), value.substring(36, 52),
                TraceFlags.fromHex(value, 53), TraceState.getDefault());
        return Context.root().with(Span.wrap(remote));
    }

    /** The trace id a trace parent names; null when it names none. */
    public static String traceId(String traceparent) {
        String value = sensible(traceparent);
        return value == null ? null : value.substring(3, 35);
    }
}
