package gproxy.server;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Applies the {@code log-level} setting to the gateway's own loggers (JUL, as Helidon logs). */
final class LogLevels {
    /** Kept strongly referenced: JUL holds loggers weakly and would forget the level. */
    private static final Logger GPROXY = Logger.getLogger("gproxy");

    private LogLevels() {
    }

    static void apply(String level) {
        GPROXY.setLevel(toJul(level));
    }

    static Level toJul(String level) {
        return switch (level.toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Level.FINEST;
            case "DEBUG" -> Level.FINE;
            case "INFO" -> Level.INFO;
            case "WARN", "WARNING" -> Level.WARNING;
            case "ERROR" -> Level.SEVERE;
            case "OFF" -> Level.OFF;
            default -> throw new IllegalArgumentException("log-level: " + level
                    + " (expected: TRACE, DEBUG, INFO, WARN, ERROR or OFF)");
        };
    }
}
