package io.aihub.common;

/** Carries an {@link ApiError} out of a service; rendered by {@link ProblemAdvice}. */
public final class ApiException extends RuntimeException {

    private final ApiError error;

    public ApiException(ApiError error) {
        super(error.detail(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }

    public static ApiException notFound(String resource) {
        return new ApiException(new ApiError.NotFound(resource));
    }

    public static ApiException invalid(String field, String detail) {
        return new ApiException(new ApiError.Invalid(field, detail));
    }

    public static ApiException malformed(String field, String detail) {
        return new ApiException(new ApiError.Malformed(field, detail));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(new ApiError.Conflict(detail));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(new ApiError.Forbidden(detail));
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(new ApiError.Unauthorized(detail));
    }
}
