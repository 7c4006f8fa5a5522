package gproxy.access;

/**
 * A v2 route pattern: {@code *} matches any run of characters (also none, also {@code /}), {@code ?}
 * exactly one, everything else itself, case-sensitively. Matched without regular expressions, so a
 * pattern from the admin API can neither be malformed nor backtrack exponentially.
 */
public record Glob(String pattern) {

    public boolean literal() {
        return pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
    }

    public boolean matches(String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                // Let the last star swallow one more character and retry from there: linear per star.
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
