package io.eventbank.infrastructure.rest;

/** Thrown to answer with a problem; changes nothing. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** 400 {@code validation-failed}: the field's value is not acceptable. */
    public static ProblemException invalid(String field, String detail) {
        return new ProblemException(Problem.of(400, "VALIDATION_FAILED", "The request is not valid", detail)
                .withField(field));
    }
}
