package io.eventbank.infrastructure.tracing;

import java.util.Collection;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.arc.lookup.LookupIfProperty;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where spans go: nowhere, unless {@code EVENTBANK_OTLP_ENDPOINT} names an OpenTelemetry collector (then Quarkus's
 * OTLP exporter sends them there). The trace context travels either way, so a collector can be added at any time;
 * without one no service tries a collector that is not there (and logs about it) every few seconds, and no service
 * records the spans of a trace it starts itself ({@link #sampler(String)}).
 */
@Singleton
public class TraceExport {

    /** The value of {@code eventbank.tracing.otlp-endpoint} that names no collector. */
    static final String NONE = "none";

    /**
     * Which spans are recorded. With a collector, every trace a service starts and every trace its caller sampled.
     * Without one, a trace a service starts itself is not sampled: its spans are not recorded only to be dropped, and
     * its ids still travel (flagged not sampled) so the records of one request still share a trace id. A caller's
     * sampled trace is recorded as the caller asked, and stays sampled on everything it causes.
     */
    @Produces
    @Singleton
    Sampler sampler(@ConfigProperty(name = "eventbank.tracing.otlp-endpoint", defaultValue = NONE) String endpoint) {
        return sampler(!NONE.equals(endpoint));
    }

    static Sampler sampler(boolean collector) {
        return Sampler.parentBased(collector ? Sampler.alwaysOn() : Sampler.alwaysOff());
    }

    /** Spans are dropped: looked up only while {@code eventbank.tracing.otlp-endpoint} is {@code none}. */
    @Produces
    @Singleton
    @LookupIfProperty(name = "eventbank.tracing.otlp-endpoint", stringValue = NONE, lookupIfMissing = true)
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
