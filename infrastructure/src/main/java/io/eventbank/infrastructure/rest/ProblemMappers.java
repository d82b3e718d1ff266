package io.eventbank.infrastructure.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

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

    /** Broken JSON, wrong types, unknown fields: 400, naming the field where Jackson knows it. */
    @Provider
    public static class JsonMapper implements ExceptionMapper<JsonProcessingException> {

        @Override
        public Response toResponse(JsonProcessingException exception) {
            String field = null;
            if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                field = mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                        .orElse(null);
            }
            String detail = exception instanceof UnrecognizedPropertyException unknown
                    ? "unknown field '" + unknown.getPropertyName() + "'"
                    : "the body is not the JSON this endpoint takes: " + exception.getOriginalMessage();
            return Problem.of(400, "MALFORMED_REQUEST", "The request body cannot be read", detail)
                    .withField(field).toResponse();
        }
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
                return Problem.of(404, "NOT_FOUND", "Not found", "no such resource").toResponse();
            }
            if (exception instanceof NotAllowedException) {
                return Problem.of(405, "METHOD_NOT_ALLOWED", "Method not allowed", exception.getMessage())
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
            return Problem.of(500, "INTERNAL_ERROR", "Internal error",
                    "the request could not be handled; the service log has the details").toResponse();
        }
    }
}
