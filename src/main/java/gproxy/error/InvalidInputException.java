package gproxy.error;

/** A request body or parameter that fails validation; {@link #field()} names the offending field. */
public final class InvalidInputException extends GatewayException {
    private final String field;

    InvalidInputException(String field, String problem) {
        this(400, "invalid_request", field, problem);
    }

    InvalidInputException(int status, String code, String field, String problem) {
        super(status, code, field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
