package io.eventbank.account.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.eventbank.account.domain.AccountRefusedException;
import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.infrastructure.rest.Problem;
import io.eventbank.infrastructure.rest.ProblemType;

/** An account's refusal as a problem with a stable type per reason; the refused command changed nothing. */
@Provider
public class RefusalMapper implements ExceptionMapper<AccountRefusedException> {

    @Override
    public Response toResponse(AccountRefusedException refused) {
        return problemOf(refused.refusal(), refused.getMessage()).toResponse();
    }

    static Problem problemOf(AccountRefusal refusal, String detail) {
        return ProblemType.of(refusal).problem(detail);
    }
}
