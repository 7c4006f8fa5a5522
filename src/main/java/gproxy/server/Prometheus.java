package gproxy.server;

/** Prometheus text format details. */
final class Prometheus {
    private Prometheus() {
    }

    /** A label value with backslash, quote and newline escaped. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
