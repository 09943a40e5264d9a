package dev.ocbridge.adapter.mattermost.emulator;

/** A failure the emulated server answers with Mattermost's error JSON. */
final class ApiError extends RuntimeException {
    private final int status;
    private final String id;

    ApiError(int status, String id, String message) {
        super(message, null, false, false);
        this.status = status;
        this.id = id;
    }

    int status() {
        return status;
    }

    String id() {
        return id;
    }

    static ApiError unauthorized() {
        return new ApiError(401, "api.context.session_expired.app_error",
                "Invalid or expired session, please login again.");
    }

    static ApiError forbidden() {
        return new ApiError(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");
    }

    static ApiError invalidUrlParam(String name) {
        return new ApiError(400, "api.context.invalid_url_param.app_error",
                "Invalid or missing " + name + " parameter in request URL.");
    }

    static ApiError invalidBodyParam(String name) {
        return new ApiError(400, "api.context.invalid_body_param.app_error",
                "Invalid or missing " + name + " in request body.");
    }

    static ApiError notFound(String id, String message) {
        return new ApiError(404, id, message);
    }
}
