package io.eventbank.infrastructure.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

/** Without a collector only a caller's sampled trace is recorded; every trace's ids travel either way. */
class TraceExportTest {

    private static final String SAMPLED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final String NOT_SAMPLED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";

    @Test
    void shouldStartATraceUnrecordedButTravellingWithoutACollector() {
        Span root = tracer(false).spanBuilder("request").startSpan();

        assertThat(root.isRecording()).isFalse();
        assertThat(TraceParent.of(root.getSpanContext())).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
        root.end();
    }

    @Test
    void shouldKeepACallersDecisionWithoutACollector() {
        Span sampled = tracer(false).spanBuilder("record").setParent(TraceParent.parent(SAMPLED)).startSpan();
        Span notSampled = tracer(false).spanBuilder("record").setParent(TraceParent.parent(NOT_SAMPLED)).startSpan();

        assertThat(sampled.isRecording()).isTrue();
        assertThat(TraceParent.of(sampled.getSpanContext()))
                .matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01");
        assertThat(notSampled.isRecording()).isFalse();
        assertThat(TraceParent.of(notSampled.getSpanContext()))
                .matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-00");
        sampled.end();
        notSampled.end();
    }

    @Test
    void shouldRecordEveryTraceAServiceStartsWithACollector() {
        Span root = tracer(true).spanBuilder("request").startSpan();

        assertThat(root.isRecording()).isTrue();
        assertThat(TraceParent.of(root.getSpanContext())).endsWith("-01");
        root.end();
    }

    private static Tracer tracer(boolean collector) {
        return SdkTracerProvider.builder().setSampler(TraceExport.sampler(collector)).build().get("test");
    }
}
