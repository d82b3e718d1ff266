package io.eventbank.infrastructure.tracing;

import java.util.Collection;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * Where spans go: nowhere, unless {@code EVENTBANK_OTLP_ENDPOINT} names an OpenTelemetry collector (then Quarkus's
 * OTLP exporter sends them there). The trace context travels either way, so a collector can be added at any time;
 * without one no service tries a collector that is not there (and logs about it) every few seconds.
 */
@Singleton
public class TraceExport {

    /** Spans are dropped: looked up only while {@code eventbank.tracing.otlp-endpoint} is {@code none}. */
    @Produces
    @Singleton
    @LookupIfProperty(name = "eventbank.tracing.otlp-endpoint", stringValue = "none", lookupIfMissing = true)
    SpanExporter dropped() {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
