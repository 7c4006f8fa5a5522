package gproxy.server;

import java.util.logging.Level;
import java.util.logging.Logger;

import gproxy.config.LogLevelNames;

/** Applies the {@code log-level} setting to the gateway's own loggers (JUL, as Helidon logs). */
final class LogLevels {
    /** Kept strongly referenced: JUL holds loggers weakly and would forget the level. */
    private static final Logger GPROXY = Logger.getLogger("gproxy");

    private LogLevels() {
    }

    static void apply(String level) {
        GPROXY.setLevel(toJul(level));
    }

    /** The names of {@link LogLevelNames}, so the server accepts exactly what the settings accept. */
    static Level toJul(String level) {
        return LogLevelNames.parse(level).orElseThrow(() -> new IllegalArgumentException("log-level: " + level
                + " (expected: " + LogLevelNames.expected() + ")"));
    }
}
