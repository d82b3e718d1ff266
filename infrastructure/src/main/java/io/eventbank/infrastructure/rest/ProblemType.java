package io.eventbank.infrastructure.rest;

import io.eventbank.contracts.account.AccountRefusal;

/**
 * Every problem the platform answers with, each with its status and title: its {@code code} is the constant's name,
 * its {@code type} {@code https://eventbank.io/problems/<code in lower case with hyphens>} (docs/api.md lists them).
 * The one problem not here is the answer to an HTTP error the framework raises itself, named after its status
 * ({@link ProblemMappers}).
 */
public enum ProblemType {
    VALIDATION_FAILED(400, "The request is not valid"),
    MALFORMED_REQUEST(400, "The request body cannot be read"),
    UNAUTHENTICATED(401, "Authentication required"),
    FORBIDDEN(403, "Forbidden"),
    CLEARING_ACCOUNT(403, "A bank's clearing account"),
    NOT_FOUND(404, "Not found"),
    UNKNOWN_ACCOUNT(404, "No such account"),
    UNKNOWN_TRANSFER(404, "No such transfer"),
    UNKNOWN_EVENT(404, "No such event"),
    UNKNOWN_PROJECTION(404, "No such read model"),
    UNKNOWN_DEAD_LETTER(404, "No such dead letter"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    ACCOUNT_FROZEN(409, "Account frozen"),
    ACCOUNT_CLOSED(409, "Account closed"),
    ALREADY_FROZEN(409, "Account frozen already"),
    NOT_FROZEN(409, "Account not frozen"),
    BALANCE_NOT_ZERO(409, "Balance not zero"),
    ACCOUNT_EXISTS(409, "Account exists"),
    NOT_DEBITED(409, "Nothing to refund"),
    BALANCE_BELOW_LIMIT(409, "Balance below the limit"),
    TRANSFERS_IN_FLIGHT(409, "Transfers in flight"),
    IDEMPOTENCY_KEY_IN_USE(409, "Request in progress"),
    REPLAY_RUNNING(409, "A replay is running"),
    INSUFFICIENT_FUNDS(422, "Insufficient funds"),
    CURRENCY_MISMATCH(422, "Currency not accepted"),
    INVALID_AMOUNT(422, "Amount not accepted"),
    AMOUNT_TOO_LARGE(422, "Amount too large"),
    BALANCE_LIMIT_EXCEEDED(422, "Balance limit exceeded"),
    OVERDRAFT_LIMIT_TOO_HIGH(422, "Overdraft limit too high"),
    SAME_ACCOUNT(422, "Transfer refused"),
    UNKNOWN_BANK(422, "Transfer refused"),
    NOT_WITHIN_ONE_BANK(422, "Not a transfer within one bank"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key used for another request"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    NOT_YET_APPLIED(504, "Not applied yet");

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** This problem, saying what happened in {@code detail}. */
    public Problem problem(String detail) {
        return new Problem(Problem.TYPE_BASE + Problem.slug(name()), title, status, detail, name(), null, null);
    }

    /** This problem as the exception that answers it. */
    public ProblemException exception(String detail) {
        return new ProblemException(problem(detail));
    }

    /** This problem as the exception that answers it, naming the offending input. */
    public ProblemException exception(String detail, String field) {
        return new ProblemException(problem(detail).withField(field));
    }

    /** The problem an account's refusal answers with; a text the account refuses is a request that is not valid. */
    public static ProblemType of(AccountRefusal refusal) {
        return switch (refusal) {
            case UNKNOWN_ACCOUNT -> UNKNOWN_ACCOUNT;
            case INSUFFICIENT_FUNDS -> INSUFFICIENT_FUNDS;
            case CURRENCY_MISMATCH -> CURRENCY_MISMATCH;
            case INVALID_AMOUNT -> INVALID_AMOUNT;
            case CLEARING_ACCOUNT -> CLEARING_ACCOUNT;
            case ACCOUNT_FROZEN -> ACCOUNT_FROZEN;
            case ACCOUNT_CLOSED -> ACCOUNT_CLOSED;
            case ALREADY_FROZEN -> ALREADY_FROZEN;
            case NOT_FROZEN -> NOT_FROZEN;
            case BALANCE_NOT_ZERO -> BALANCE_NOT_ZERO;
            case ACCOUNT_EXISTS -> ACCOUNT_EXISTS;
            case NOT_DEBITED -> NOT_DEBITED;
            case OVERDRAFT_LIMIT_TOO_HIGH -> OVERDRAFT_LIMIT_TOO_HIGH;
            case INVALID_TEXT -> VALIDATION_FAILED;
            case AMOUNT_TOO_LARGE -> AMOUNT_TOO_LARGE;
            case BALANCE_LIMIT_EXCEEDED -> BALANCE_LIMIT_EXCEEDED;
            case BALANCE_BELOW_LIMIT -> BALANCE_BELOW_LIMIT;
        };
    }
}
