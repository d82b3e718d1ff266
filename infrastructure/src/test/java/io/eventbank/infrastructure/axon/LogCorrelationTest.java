package io.eventbank.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

class LogCorrelationTest {

    @Test
    void shouldNameTheRequestInTheLogContextWhileTheHandlerRunsOnly() throws Exception {
        MDC.put(LogCorrelation.KEY, "outer");
        var command = GenericCommandMessage.asCommandMessage("deposit")
                .andMetaData(MetaData.from(Map.of(RequestCorrelation.CORRELATION_ID, "request-42")));
        var unitOfWork = DefaultUnitOfWork.startAndGet(command);
        Object[] seen = new Object[1];
        var chain = new DefaultInterceptorChain<>(unitOfWork, java.util.List.of(new LogCorrelation()),
                message -> {
                    seen[0] = MDC.get(LogCorrelation.KEY);
                    return "done";
                });
        assertThat(chain.proceed()).isEqualTo("done");
        assertThat(seen[0]).isEqualTo("request-42");
        assertThat(MDC.get(LogCorrelation.KEY)).isEqualTo("outer");
        unitOfWork.commit();
        MDC.remove(LogCorrelation.KEY);
    }
}
