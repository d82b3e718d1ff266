package io.eventbank.infrastructure.rest;

/** Thrown to answer with a problem; changes nothing. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** A header the answer carries too, such as {@code Retry-After}. */
    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The problem as an answer, with its headers. */
    public jakarta.ws.rs.core.Response toResponse() {
        jakarta.ws.rs.core.Response.ResponseBuilder answer = jakarta.ws.rs.core.Response.fromResponse(
                problem.toResponse());
        headers.forEach(answer::header);
        return answer.build();
    }

    /** 400 {@code validation-failed}: the field's value is not acceptable. */
    public static ProblemException invalid(String field, String detail) {
        return ProblemType.VALIDATION_FAILED.exception(detail, field);
    }
}
