package gproxy.config;

import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;

/**
 * The log level names the gateway accepts, case-insensitively: the JUL names Helidon logs with, and
 * the aliases operators bring from other stacks ({@code error}, {@code warn}, {@code info},
 * {@code debug}, {@code trace}). Public because the server applies the level with the same table.
 */
public final class LogLevelNames {
    private static final String EXPECTED =
            "error, warn, info, debug, trace, or SEVERE, WARNING, INFO, CONFIG, FINE, FINER, FINEST, ALL, OFF";

    private LogLevelNames() {
    }

    /** The JUL level for a name or alias; empty for anything else (numbers are not levels here). */
    public static Optional<Level> parse(String name) {
        return Optional.ofNullable(switch (name.strip().toUpperCase(Locale.ROOT)) {
            case "ERROR", "SEVERE" -> Level.SEVERE;
            case "WARN", "WARNING" -> Level.WARNING;
            case "INFO" -> Level.INFO;
            case "CONFIG" -> Level.CONFIG;
            case "DEBUG", "FINE" -> Level.FINE;
            case "FINER" -> Level.FINER;
            case "TRACE", "FINEST" -> Level.FINEST;
            case "ALL" -> Level.ALL;
            case "OFF" -> Level.OFF;
            default -> null;
        });
    }

    /** What {@link #parse} accepts, for error messages. */
    public static String expected() {
        return EXPECTED;
    }
}
