package gproxy.channel;

import java.util.Objects;

import io.helidon.http.Method;

/** Where one operation lives on an upstream: a method and a path (with query) below the base URL. */
public record Endpoint(Method method, String path) {

    public Endpoint {
        Objects.requireNonNull(method, "method");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: \"" + path + "\" (expected: starting with /)");
        }
    }

    public static Endpoint get(String path) {
        return new Endpoint(Method.GET, path);
    }

    public static Endpoint post(String path) {
        return new Endpoint(Method.POST, path);
    }
}
