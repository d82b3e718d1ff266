package io.eventbank.infrastructure.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;

/** Maps every failure of a request to a problem answer; nothing leaves as a bare error page or stack trace. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private ProblemMappers() {
    }

    @Provider
    public static class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

        @Override
        public Response toResponse(ProblemException exception) {
            return exception.toResponse();
        }
    }

    /**
     * A request that breaks a constraint of its body or parameters (Bean Validation): 400 {@code validation-failed}
     * naming the field, and every violation in the detail. Fields are named as in the JSON ({@code amount}); when
     * several break a rule, the first in name order is the {@code field}.
     */
    @Provider
    public static class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

        @Override
        public Response toResponse(ConstraintViolationException exception) {
            List<String[]> violations = exception.getConstraintViolations().stream()
                    .map(violation -> new String[] {field(violation), violation.getMessage()})
                    .sorted(Comparator.comparing((String[] v) -> v[0] == null ? "" : v[0]).thenComparing(v -> v[1]))
                    .toList();
            String detail = violations.stream()
                    .map(v -> v[0] == null ? "the body " + v[1] : v[0] + " " + v[1])
                    .collect(Collectors.joining("; "));
            return ProblemException.invalid(violations.isEmpty() ? null : violations.get(0)[0], detail).toResponse();
        }

        /** The field in the body by its JSON name ({@code amount}); null for the body as a whole. */
        private static String field(ConstraintViolation<?> violation) {
            List<String> properties = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                    .filter(node -> node.getKind() == ElementKind.PROPERTY).map(Path.Node::getName).toList();
            return properties.isEmpty() ? null : String.join(".", properties);
        }
    }

    /**
     * Broken JSON and unknown fields: 400 {@code malformed-request}; a field of the wrong type (a number where a
     * string belongs): 400 {@code validation-failed}. Both name the field where Jackson knows it.
     */
    @Provider
    public static class JsonMapper implements ExceptionMapper<JsonProcessingException> {

        @Override
        public Response toResponse(JsonProcessingException exception) {
            return problem(exception).toResponse();
        }

        /** The problem that answers a body Jackson could not read. */
        public ProblemException problem(JsonProcessingException exception) {
            String field = null;
            if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                field = mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                        .orElse(null);
            }
            if (field != null && exception instanceof MismatchedInputException mismatched
                    && !(exception instanceof UnrecognizedPropertyException) && mismatched.getTargetType() != null) {
                return ProblemException.invalid(field, field + " is " + kind(mismatched.getTargetType()));
            }
            String detail = exception instanceof UnrecognizedPropertyException unknown
                    ? "unknown field '" + unknown.getPropertyName() + "'"
                    : "the body is not the JSON this endpoint takes: " + exception.getOriginalMessage();
            return ProblemType.MALFORMED_REQUEST.exception(detail, field);
        }
    }

    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "not of this shape";
    }

    /** Quarkus maps this one itself (an empty 400) unless a mapper names it exactly. */
    @Provider
    public static class MismatchedInputMapper implements ExceptionMapper<MismatchedInputException> {

        @Override
        public Response toResponse(MismatchedInputException exception) {
            return new JsonMapper().toResponse(exception);
        }
    }

    @Provider
    public static class UnrecognizedPropertyMapper implements ExceptionMapper<UnrecognizedPropertyException> {

        @Override
        public Response toResponse(UnrecognizedPropertyException exception) {
            return new JsonMapper().toResponse(exception);
        }
    }

    @Provider
    public static class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {

        @Override
        public Response toResponse(WebApplicationException exception) {
            if (exception.getCause() instanceof JsonProcessingException json) {
                return new JsonMapper().toResponse(json);
            }
            int status = exception.getResponse().getStatus();
            if (exception instanceof NotFoundException) {
                return ProblemType.NOT_FOUND.problem("no such resource").toResponse();
            }
            if (exception instanceof NotAllowedException) {
                return ProblemType.METHOD_NOT_ALLOWED.problem(exception.getMessage())
                        .toResponse();
            }
            if (status >= 500) {
                LOG.error("request failed", exception);
                return Problem.of(status, "INTERNAL_ERROR", "Internal error", "the request could not be handled")
                        .toResponse();
            }
            String code = Response.Status.fromStatusCode(status) == null ? "HTTP_" + status
                    : Response.Status.fromStatusCode(status).name();
            String title = Response.Status.fromStatusCode(status) == null ? "Request refused"
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
            return Problem.of(status, code, title, exception.getMessage()).toResponse();
        }
    }

    /** The unexpected: logged with its trace, answered without it. */
    @Provider
    public static class UnexpectedMapper implements ExceptionMapper<Exception> {

        @Override
        public Response toResponse(Exception exception) {
            if (exception instanceof WebApplicationException web) {
                return new WebApplicationMapper().toResponse(web);
            }
            LOG.error("request failed", exception);
            return ProblemType.INTERNAL_ERROR.problem(
                    "the request could not be handled; the service log has the details").toResponse();
        }
    }
}
