package gproxy.error;

/**
 * The one exception family of the gateway. {@link #status()} is the HTTP status the caller sees and
 * {@link #code()} a stable machine-readable code that clients may rely on. Messages are written for
 * the person reading the response and never carry secrets.
 */
public class GatewayException extends RuntimeException {
    private final int status;
    private final String code;

    public GatewayException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public GatewayException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Response headers this error calls for (e.g. {@code Retry-After}); none unless a subclass says. */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }

    /** 400 with the offending field named: {@code "name: must not be blank"}. */
    public static GatewayException invalid(String field, String problem) {
        return new InvalidInputException(field, problem);
    }

    public static GatewayException notFound(String what) {
        return new GatewayException(404, "not_found", what + " not found");
    }

    public static GatewayException unauthorized() {
        return new GatewayException(401, "unauthorized", "missing or invalid credentials");
    }

    public static GatewayException forbidden(String message) {
        return new GatewayException(403, "forbidden", message);
    }

    public static GatewayException conflict(String field, String problem) {
        return new InvalidInputException(409, "conflict", field, problem);
    }

    public static GatewayException unavailable(String code, String message) {
        return new GatewayException(503, code, message);
    }

    public static GatewayException internal(String message, Throwable cause) {
        return new GatewayException(500, "internal_error", message, cause);
    }
}
