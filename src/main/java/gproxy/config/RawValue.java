package gproxy.config;

import java.util.Optional;

/**
 * One value as one source gave it, before parsing: the name as the user wrote it
 * ({@code --port}, {@code GPROXY_PORT}, {@code server.port}), the text, and for YAML the place
 * ({@code /etc/gproxy.yaml:3}). Parsers report problems through it so every message has one shape.
 */
record RawValue(String name, String text, Optional<String> place) {

    static RawValue of(String name, String text) {
        return new RawValue(name, text, Optional.empty());
    }

    static RawValue at(String name, String text, String place) {
        return new RawValue(name, text, Optional.of(place));
    }

    /** {@code "name: text (expected: ...)"}; for values that are not secret. Blank text is quoted to be seen. */
    ConfigException invalid(String expected) {
        return invalid(text.isBlank() ? "'" + text + "'" : text, expected);
    }

    /** Like {@link #invalid(String)} with the value shown as {@code shown} (redacted, or described). */
    ConfigException invalid(String shown, String expected) {
        return new ConfigException(name, name + ": " + shown + " (expected: " + expected + ")" + where());
    }

    /** {@code "name rejected: blank"}: the wording v2 operators know from the admin password check. */
    ConfigException blank() {
        return new ConfigException(name, name + " rejected: blank" + where());
    }

    private String where() {
        return place.map(p -> " at " + p).orElse("");
    }

    /** Never prints the text: it may be a secret. */
    @Override
    public String toString() {
        return "RawValue[" + name + place.map(p -> " at " + p).orElse("") + "]";
    }
}
