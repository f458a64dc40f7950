package io.aihub.common;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place where management-API failures become RFC 9457 problem JSON. Every problem has
 * {@code type}, {@code title}, {@code status}, {@code detail}, a stable {@code code} and, when one
 * field is at fault, {@code field} (snake_case, as the client sent it). Nothing here echoes
 * request values back, so a secret sent in a bad request never appears in the answer.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return render(e.error(), null);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError fe : e.getBindingResult().getFieldErrors()) {
            errors.add(Map.of("field", snakeCase(fe.getField()),
                    "message", fe.getDefaultMessage() == null ? "is invalid" : fe.getDefaultMessage()));
        }
        errors.sort((a, b) -> a.get("field").compareTo(b.get("field")));
        if (errors.isEmpty()) {
            return render(new ApiError.Invalid(null, "request body is invalid"), null);
        }
        Map<String, String> first = errors.getFirst();
        return render(new ApiError.Invalid(first.get("field"), first.get("field") + " " + first.get("message")), errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e) {
        String field = e.getParameterValidationResults().isEmpty() ? null
                : e.getParameterValidationResults().getFirst().getMethodParameter().getParameterName();
        return render(new ApiError.Invalid(field, (field == null ? "a parameter" : field) + " is invalid"), null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SizeLimitedRequest.BodyTooLargeException tooLarge) {
                return render(new ApiError.TooLarge(tooLarge.maxBytes()), null);
            }
        }
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            String field = pathOf(unknown);
            return render(new ApiError.Malformed(field, "unknown field " + field), null);
        }
        if (e.getCause() instanceof JacksonException je && !je.getPath().isEmpty()) {
            String field = pathOf(je);
            return render(new ApiError.Malformed(field, field + " has the wrong type or format"), null);
        }
        if (e.getCause() == null || e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            return render(new ApiError.Malformed(null, "a JSON request body is required"), null);
        }
        return render(new ApiError.Malformed(null, "request body is not valid JSON"), null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return render(new ApiError.Malformed(e.getName(), e.getName() + " has the wrong type or format"), null);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return render(new ApiError.Malformed(e.getParameterName(), e.getParameterName() + " is required"), null);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return render(new ApiError.Malformed(e.getHeaderName(), "header " + e.getHeaderName() + " is required"), null);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException e) {
        return render(new ApiError.Conflict("a resource with these unique values already exists"), null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return simple(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "method " + e.getMethod() + " is not supported here");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return simple(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "send application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return simple(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "this resource is available as application/json");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noRoute(NoResourceFoundException e) {
        return simple(HttpStatus.NOT_FOUND, "not_found", "no such route");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return simple(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "an unexpected error occurred");
    }

    public static ResponseEntity<ProblemDetail> render(ApiError error, List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(error.status(), error.detail());
        problem.setType(URI.create("urn:aihub:problem:" + error.code()));
        problem.setProperty("code", error.code());
        if (error.field() != null) {
            problem.setProperty("field", error.field());
        }
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(error.status()).contentType(PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> simple(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:aihub:problem:" + code));
        problem.setProperty("code", code);
        return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(problem);
    }

    private static String pathOf(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
