package gproxy.server;

/**
 * The labels of one gateway request for {@code gproxy_requests_total}, filled in by the data plane
 * as they become known (the client's dialect and operation once classified, the provider once one
 * answered or was chosen) and read by the exchange filter with the final status. Values come from
 * closed sets (dialects, operations) or from configuration (provider names), never from the request
 * as sent, so the label sets stay bounded. One per exchange; written and read on its thread.
 */
final class TrafficLabels {
    static final String UNKNOWN = "unknown";
    static final String NONE = "none";

    private String dialect = UNKNOWN;
    private String operation = UNKNOWN;
    private String provider = NONE;

    void classified(String dialect, String operation) {
        this.dialect = dialect;
        this.operation = operation;
    }

    void provider(String name) {
        this.provider = name;
    }

    String dialect() {
        return dialect;
    }

    String operation() {
        return operation;
    }

    String provider() {
        return provider;
    }
}
