package io.eventbank.infrastructure.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.eventbank.infrastructure.axon.RequestCorrelation;
import io.eventbank.infrastructure.axon.TraceDispatch;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/** A span's trace goes on in the commands sent under it, the events they cause and the Kafka records of those. */
class TraceParentTest {

    private static final String PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final Tracer tracer = SdkTracerProvider.builder().build().get("test");

    @Test
    void shouldTakeOnlyAW3cTraceParent() {
        assertThat(TraceParent.sensible(PARENT)).isEqualTo(PARENT);
        assertThat(TraceParent.traceId(PARENT)).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        for (String hostile : new String[] {null, "", "00-xyz", PARENT + " ", PARENT.toUpperCase(),
                "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "00-0af7651916cd43dd8448eb211c80319cxb7ad6b7169203331-01",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0g",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b716920333-101", "00+0af7651916cd43dd8448eb211c80319c"
                + "-b7ad6b7169203331-01",
                "00-00000000000000000000000000000000-b7ad6b7169203331-01",
                "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01", "00-0af7651916cd43dd8448eb211c80319c"
                + "-b7ad6b7169203331-01\r\nX-Injected: 1"}) {
            assertThat(TraceParent.sensible(hostile)).as(String.valueOf(hostile)).isNull();
            assertThat(Span.fromContext(TraceParent.parent(hostile)).getSpanContext().isValid()).isFalse();
        }
    }

    @Test
    void shouldContinueTheTraceOfARemoteParent() {
        Span child = tracer.spanBuilder("child").setParent(TraceParent.parent(PARENT)).startSpan();

        assertThat(child.getSpanContext().getTraceId()).isEqualTo(TraceParent.traceId(PARENT));
        assertThat(TraceParent.of(child.getSpanContext())).startsWith("00-0af7651916cd43dd8448eb211c80319c-")
                .isNotEqualTo(PARENT);
        child.end();
    }

    @Test
    void shouldNameTheRunningSpanInACommandAndHandItOnToItsEvents() {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("deposit");
        Span span = tracer.spanBuilder("request").startSpan();
        CommandMessage<?> sent;
        try (Scope scope = span.makeCurrent()) {
            sent = new TraceDispatch().handle(List.of(command)).apply(0, command);
        } finally {
            span.end();
        }
        String traceparent = TraceParent.of(span.getSpanContext());
        assertThat(sent.getMetaData()).containsEntry(TraceParent.NAME, traceparent);
        assertThat(new java.util.HashMap<String, Object>(new RequestCorrelation().correlationDataFor(sent)))
                .containsEntry(TraceParent.NAME, traceparent);

        // a command that names its span already keeps it; one sent with no span running names none
        CommandMessage<?> named = command.andMetaData(Map.of(TraceParent.NAME, PARENT));
        assertThat(new TraceDispatch().handle(List.of(named)).apply(0, named).getMetaData())
                .containsEntry(TraceParent.NAME, PARENT);
        assertThat(new TraceDispatch().handle(List.of(command)).apply(0, command).getMetaData())
                .doesNotContainKey(TraceParent.NAME);
        assertThat(new RequestCorrelation().correlationDataFor(GenericEventMessage.asEventMessage("e")))
                .doesNotContainKey(TraceParent.NAME);
    }

    @Test
    void shouldCarryTheTraceParentInARecordsHeadersAndDropAHostileOne() {
        EventEnvelope envelope = new EventEnvelope("e-1", "io.eventbank.contracts.account.MoneyDepositedEvent", "1",
                "/test", "DE89370400440532013000", 3L, Instant.EPOCH, "c-1", "c-0", "{}", PARENT);
        RecordHeaders headers = (RecordHeaders) CloudEventHeaders.write(envelope);

        assertThat(CloudEventHeaders.text(headers, "traceparent")).isEqualTo(PARENT);
        assertThat(CloudEventHeaders.read(headers, "{}").traceParent()).isEqualTo(PARENT);

        headers.remove("traceparent");
        headers.add("traceparent", "00-not-a-trace".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(CloudEventHeaders.read(headers, "{}").traceParent()).isNull();
    }
}
