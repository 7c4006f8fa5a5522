package gproxy.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import gproxy.config.Settings;

/**
 * A parsed v2 database DSN: the dialect, the JDBC URL (never holding the password) and the
 * credentials, which travel as driver properties. {@link #toString()} and {@link #redacted()} never
 * show the password.
 *
 * @param mode SQLite only: {@code rwc} creates the file, {@code rw} requires it to exist
 */
record Dsn(Dialect dialect, String jdbcUrl, Optional<String> user, Optional<String> password, String redacted,
           Optional<Path> sqliteFile, String mode) {
    private static final String SQLITE_EXPECTED = "sqlite:///absolute/path/gproxy.db?mode=rwc";
    private static final String SERVER_EXPECTED = "%s://user:password@host:port/database";

    static Dsn parse(String dsn) {
        String text = dsn.strip();
        String redacted = redact(text);
        int colon = text.indexOf(':');
        String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        return switch (scheme) {
            case "sqlite" -> sqlite(text.substring(colon + 1), redacted);
            case "postgres", "postgresql" -> server(Dialect.POSTGRES, "jdbc:postgresql://", 5432,
                    text.substring(colon + 1), redacted, "postgres");
            case "mysql", "mariadb" -> server(Dialect.MYSQL, "jdbc:mariadb://", 3306,
                    text.substring(colon + 1), redacted, scheme);
            default -> throw StoreException.badDsn(redacted, "unknown scheme (expected: sqlite://, postgres://, "
                    + "postgresql://, mysql:// or mariadb://)");
        };
    }

    /**
     * {@link Settings#redactDsn} stops at the first {@code @}; an unencoded {@code @} inside the
     * password would leave its tail visible, so this masks up to the last one (over-masking is safe).
     */
    static String redact(String dsn) {
        return Settings.redactDsn(dsn.replaceAll("(://[^:/@]*:).*@", "$1***@"));
    }

    @Override
    public String toString() {
        return "Dsn[" + redacted + "]";
    }

    /** {@code sqlite://} is followed directly by the path: absolute when it starts with {@code /}. */
    private static Dsn sqlite(String rest, String redacted) {
        String body = rest.startsWith("//") ? rest.substring(2) : rest;
        int q = body.indexOf('?');
        String location = q < 0 ? body : body.substring(0, q);
        Map<String, String> params = params(q < 0 ? "" : body.substring(q + 1), redacted);
        if (location.isBlank() || location.equals(":memory:") || location.startsWith(":memory:")) {
            throw StoreException.badDsn(redacted, "no file path (expected: " + SQLITE_EXPECTED + ")");
        }
        String mode = params.getOrDefault("mode", "rwc");
        if (params.keySet().stream().anyMatch(k -> !k.equals("mode"))) {
            throw StoreException.badDsn(redacted, "unknown parameter (expected: only mode=rwc or mode=rw)");
        }
        if (!mode.equals("rwc") && !mode.equals("rw")) {
            throw StoreException.badDsn(redacted, "mode=" + mode + " (expected: rwc, or rw for an existing file; "
                    + "the store migrates on open, so it cannot be read-only)");
        }
        Path file = Path.of(location).toAbsolutePath().normalize();
        if (mode.equals("rw") && !Files.exists(file)) {
            throw StoreException.badDsn(redacted, "no such file " + file + " (expected: an existing database, "
                    + "or mode=rwc to create it)");
        }
        return new Dsn(Dialect.SQLITE, "jdbc:sqlite:" + file, Optional.empty(), Optional.empty(), redacted,
                Optional.of(file), mode);
    }

    private static Dsn server(Dialect dialect, String jdbcPrefix, int defaultPort, String rest, String redacted,
                              String scheme) {
        String expected = "(expected: " + SERVER_EXPECTED.formatted(scheme) + ")";
        if (!rest.startsWith("//")) {
            throw StoreException.badDsn(redacted, "no //host " + expected);
        }
        String body = rest.substring(2);
        int q = body.indexOf('?');
        Map<String, String> params = params(q < 0 ? "" : body.substring(q + 1), redacted);
        String authorityAndPath = q < 0 ? body : body.substring(0, q);
        int slash = authorityAndPath.indexOf('/');
        String authority = slash < 0 ? authorityAndPath : authorityAndPath.substring(0, slash);
        String database = slash < 0 ? "" : authorityAndPath.substring(slash + 1);
        if (database.isBlank() || database.contains("/")) {
            throw StoreException.badDsn(redacted, "no database name " + expected);
        }
        // The password may itself contain '@': the host part starts after the last one.
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? "" : authority.substring(0, at);
        String hostPort = at < 0 ? authority : authority.substring(at + 1);
        Optional<String> user = Optional.ofNullable(params.remove("user"));
        Optional<String> password = Optional.ofNullable(params.remove("password"));
        if (!userInfo.isEmpty()) {
            int c = userInfo.indexOf(':');
            user = Optional.of(decode(c < 0 ? userInfo : userInfo.substring(0, c), redacted));
            password = c < 0 ? password : Optional.of(decode(userInfo.substring(c + 1), redacted));
        }
        String host = host(hostPort, defaultPort, redacted, expected);
        String query = params.isEmpty() ? "" : "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        return new Dsn(dialect, jdbcPrefix + host + "/" + database + query, user.filter(u -> !u.isEmpty()),
                password, redacted, Optional.empty(), "");
    }

    /** {@code host}, {@code host:port} or {@code [v6]:port}; the port defaults per dialect. */
    private static String host(String hostPort, int defaultPort, String redacted, String expected) {
        if (hostPort.isBlank()) {
            throw StoreException.badDsn(redacted, "no host " + expected);
        }
        int portColon = hostPort.startsWith("[") ? hostPort.indexOf(':', hostPort.indexOf(']')) : hostPort.indexOf(':');
        if (portColon < 0) {
            return hostPort + ":" + defaultPort;
        }
        String port = hostPort.substring(portColon + 1);
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw StoreException.badDsn(redacted, "port \"" + port + "\" " + expected.replace(")", ", port 1-65535)"));
        }
        return hostPort;
    }

    /** Query parameters in order; values stay percent-encoded because they pass through to the driver. */
    private static Map<String, String> params(String query, String redacted) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw StoreException.badDsn(redacted, "parameter \"" + pair.replaceAll("(?i)password.*", "password")
                        + "\" (expected: name=value)");
            }
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            params.put(name, name.equals("user") || name.equals("password") ? decode(value, redacted) : value);
        }
        return params;
    }

    /** Percent-decoding as in URLs ({@code +} stays a plus: this is not a form body). */
    private static String decode(String text, String redacted) {
        try {
            return java.net.URLDecoder.decode(text.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StoreException.badDsn(redacted, "bad percent-encoding in the user or password "
                    + "(expected: %XX escapes)");
        }
    }
}
