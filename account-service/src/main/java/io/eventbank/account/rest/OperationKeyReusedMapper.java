package io.eventbank.account.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.eventbank.account.application.OperationKeyReusedException;
import io.eventbank.infrastructure.rest.IdempotencyKeys;
import io.eventbank.infrastructure.rest.ProblemType;

/** An operation id used before for another request: 422, as the gateway answers a key reused within its window. */
@Provider
public class OperationKeyReusedMapper implements ExceptionMapper<OperationKeyReusedException> {

    @Override
    public Response toResponse(OperationKeyReusedException reused) {
        return ProblemType.IDEMPOTENCY_KEY_REUSED.problem(
                reused.getMessage()).withField(IdempotencyKeys.HEADER).toResponse();
    }
}
