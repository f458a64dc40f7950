package io.aihub.common;

import org.springframework.http.HttpStatus;

/**
 * The errors of the management API ({@code /api/**}). Each knows its HTTP status and a stable
 * machine-readable code; {@link ProblemAdvice} is the one place that renders them.
 */
public sealed interface ApiError {

    HttpStatus status();

    String code();

    String detail();

    /** The request field at fault, or null. */
    default String field() {
        return null;
    }

    /** Unknown id, or an id of another organization: we never reveal which (no existence leak). */
    record NotFound(String resource) implements ApiError {
        public HttpStatus status() { return HttpStatus.NOT_FOUND; }
        public String code() { return "not_found"; }
        public String detail() { return resource + " not found"; }
    }

    /** Well-formed request whose values break a rule. */
    record Invalid(String field, String detail) implements ApiError {
        public HttpStatus status() { return HttpStatus.UNPROCESSABLE_CONTENT; }
        public String code() { return "invalid_field"; }
    }

    /** The request could not be read at all: malformed JSON, wrong types, bad parameters. */
    record Malformed(String field, String detail) implements ApiError {
        public HttpStatus status() { return HttpStatus.BAD_REQUEST; }
        public String code() { return "malformed_request"; }
    }

    record Conflict(String detail) implements ApiError {
        public HttpStatus status() { return HttpStatus.CONFLICT; }
        public String code() { return "conflict"; }
    }

    record Forbidden(String detail) implements ApiError {
        public HttpStatus status() { return HttpStatus.FORBIDDEN; }
        public String code() { return "forbidden"; }
    }

    record Unauthorized(String detail) implements ApiError {
        public HttpStatus status() { return HttpStatus.UNAUTHORIZED; }
        public String code() { return "unauthorized"; }
    }

    record TooLarge(long maxBytes) implements ApiError {
        public HttpStatus status() { return HttpStatus.CONTENT_TOO_LARGE; }
        public String code() { return "payload_too_large"; }
        public String detail() { return "request body exceeds " + maxBytes + " bytes"; }
    }
}
