package gproxy.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import gproxy.security.SecretBox;

/**
 * Parsers for the plain value types of process settings: numbers, switches, durations, sizes, names
 * and paths. Each takes the value as a source gave it and fails with a message that names the key;
 * network addresses are in {@link AddressValues}.
 */
final class SettingValues {
    static final String PORT = "0..65535";
    static final String DURATION = "a duration such as 30s, 5m, 1h, 1500ms or PT30S, or none";
    static final String SIZE =
            "a size from 1 byte to 1TiB, in bytes or with KB, MB, GB, KiB, MiB or GiB, such as 50MiB";

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");
    private static final Pattern SIZE_TEXT = Pattern.compile("(\\d{1,19})\\s*([a-zA-Z]*)");
    private static final long MAX_SIZE = 1L << 40;
    private static final Map<String, Long> SIZE_UNITS = Map.of("", 1L, "b", 1L,
            "kb", 1_000L, "mb", 1_000_000L, "gb", 1_000_000_000L,
            "kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30);

    private SettingValues() {
    }

    static int port(RawValue v) {
        return (int) integer(v, 0, 65535, PORT);
    }

    static int atLeastOne(RawValue v) {
        return (int) integer(v, 1, Integer.MAX_VALUE, "an integer >= 1");
    }

    static long atLeastZero(RawValue v) {
        return integer(v, 0, Long.MAX_VALUE, "an integer >= 0");
    }

    private static long integer(RawValue v, long min, long max, String expected) {
        long n;
        try {
            n = Long.parseLong(v.text().strip());
        } catch (NumberFormatException e) {
            throw v.invalid(expected);
        }
        if (n < min || n > max) {
            throw v.invalid(expected);
        }
        return n;
    }

    /** Only {@code true} and {@code false}: YAML 1.1's yes/no/on/off are too easy to get wrong. */
    static boolean bool(RawValue v) {
        return switch (v.text().strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw v.invalid("true or false");
        };
    }

    /** A duration above zero, in the forms {@link #drainTimeout} takes (but not {@code none}). */
    static Duration positiveDuration(RawValue v) {
        return drainTimeout(v).filter(d -> !d.isZero() && !d.isNegative())
                .orElseThrow(() -> v.invalid("a duration above zero such as 10s, 5m or 1500ms"));
    }

    /** Empty means no deadline ({@code none}); zero is allowed and cuts open streams at once. */
    static Optional<Duration> drainTimeout(RawValue v) {
        String s = v.text().strip();
        if (s.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        Duration d;
        if (s.startsWith("P") || s.startsWith("p")) {
            try {
                d = Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw v.invalid(DURATION);
            }
        } else {
            Matcher m = SHORT_DURATION.matcher(s);
            if (!m.matches()) {
                throw v.invalid(DURATION);
            }
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        if (d.isNegative()) {
            throw v.invalid(DURATION);
        }
        return Optional.of(d);
    }

    /** KB/MB/GB are decimal and KiB/MiB/GiB binary, as the units say; capped so limits never overflow. */
    static long size(RawValue v) {
        Matcher m = SIZE_TEXT.matcher(v.text().strip());
        if (!m.matches()) {
            throw v.invalid(SIZE);
        }
        Long unit = SIZE_UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            throw v.invalid(SIZE);
        }
        try {
            long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
            if (bytes < 1 || bytes > MAX_SIZE) {
                throw v.invalid(SIZE);
            }
            return bytes;
        } catch (ArithmeticException | NumberFormatException e) {
            throw v.invalid(SIZE);
        }
    }

    /** The canonical JUL name ({@code debug} becomes {@code FINE}), so every reader agrees. */
    static String logLevel(RawValue v) {
        return LogLevelNames.parse(v.text()).map(Level::getName)
                .orElseThrow(() -> v.invalid(LogLevelNames.expected()));
    }

    /** Absolute and normalized, so logs and error messages show where files really go. */
    static Path path(RawValue v) {
        String s = v.text().strip();
        if (s.isEmpty()) {
            throw v.invalid("a path");
        }
        try {
            return Path.of(s).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw v.invalid("a path");
        }
    }

    static String name(RawValue v) {
        String s = v.text().strip();
        if (s.isEmpty()) {
            throw v.blank();
        }
        return s;
    }

    /** A Redis key prefix: printable, no spaces, at most 64 characters (it is on every key). */
    static String keyPrefix(RawValue v) {
        String s = v.text().strip();
        if (s.isEmpty()) {
            throw v.blank();
        }
        if (s.length() > 64 || !s.chars().allMatch(c -> c > 32 && c < 127)) {
            throw v.invalid("at most 64 printable characters without spaces, such as gproxy: or prod-eu:");
        }
        return s;
    }

    /**
     * {@code GPROXY_MASTER_KEY}, checked by {@link SecretBox} itself so there is one parser of the
     * format; its messages name the variable and never echo the key.
     */
    static String masterKey(RawValue v) {
        String key = v.text().strip();
        try {
            SecretBox.checkMasterKey(key);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(v.name(), e.getMessage());
        }
        return key;
    }

    /** Kept exactly as given (spaces may be part of a password); only an all-blank one is refused. */
    static String secret(RawValue v) {
        if (v.text().isBlank()) {
            throw v.blank();
        }
        return v.text();
    }
}
