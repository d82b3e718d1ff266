package io.eventbank.account.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.eventbank.account.domain.AccountRefusedException;
import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.infrastructure.rest.Problem;

/** An account's refusal as a problem with a stable type per reason; the refused command changed nothing. */
@Provider
public class RefusalMapper implements ExceptionMapper<AccountRefusedException> {

    @Override
    public Response toResponse(AccountRefusedException refused) {
        return problemOf(refused.refusal(), refused.getMessage()).toResponse();
    }

    static Problem problemOf(AccountRefusal refusal, String detail) {
        return switch (refusal) {
            case UNKNOWN_ACCOUNT -> Problem.of(404, refusal.name(), "No such account", detail);
            case INSUFFICIENT_FUNDS -> Problem.of(422, refusal.name(), "Insufficient funds", detail);
            case CURRENCY_MISMATCH -> Problem.of(422, refusal.name(), "Currency not accepted", detail);
            case INVALID_AMOUNT -> Problem.of(422, refusal.name(), "Amount not accepted", detail);
            case CLEARING_ACCOUNT -> Problem.of(403, refusal.name(), "A bank's clearing account", detail);
            case ACCOUNT_FROZEN -> Problem.of(409, refusal.name(), "Account frozen", detail);
            case ACCOUNT_CLOSED -> Problem.of(409, refusal.name(), "Account closed", detail);
            case ALREADY_FROZEN -> Problem.of(409, refusal.name(), "Account frozen already", detail);
            case NOT_FROZEN -> Problem.of(409, refusal.name(), "Account not frozen", detail);
            case BALANCE_NOT_ZERO -> Problem.of(409, refusal.name(), "Balance not zero", detail);
            case ACCOUNT_EXISTS -> Problem.of(409, refusal.name(), "Account exists", detail);
            case NOT_DEBITED -> Problem.of(409, refusal.name(), "Nothing to refund", detail);
            case OVERDRAFT_LIMIT_TOO_HIGH -> Problem.of(422, refusal.name(), "Overdraft limit too high", detail);
            case INVALID_TEXT -> Problem.of(400, "VALIDATION_FAILED", "The request is not valid", detail);
            case AMOUNT_TOO_LARGE -> Problem.of(422, refusal.name(), "Amount too large", detail);
            case BALANCE_LIMIT_EXCEEDED -> Problem.of(422, refusal.name(), "Balance limit exceeded", detail);
            case BALANCE_BELOW_LIMIT -> Problem.of(409, refusal.name(), "Balance below the limit", detail);
        };
    }
}
