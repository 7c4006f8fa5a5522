package gproxy.billing;

/**
 * A substring test that decides, without parsing, whether a stream event can hold what we look for.
 * It may say yes wrongly (the key inside a string value): the event is then parsed and found empty.
 * It never says no wrongly: it tries every occurrence of the key.
 */
final class QuickScan {
    /** The key of an event's type, quoted. */
    static final String TYPE = quote("type");

    private QuickScan() {
    }

    /** {@code "key"} as it appears in JSON; computed once per key, not per event. */
    static String quote(String key) {
        return '"' + key + '"';
    }

    /**
     * Whether {@code json} has {@code quoted} (a {@link #quote quoted} key) followed, after whitespace
     * and a colon, by a value that starts with {@code first}: {@code '{'} for an object, {@code '"'} for
     * a string.
     */
    static boolean keyWithValue(String json, String quoted, char first) {
        for (int at = json.indexOf(quoted); at >= 0; at = json.indexOf(quoted, at + 1)) {
            if (at > 0 && json.charAt(at - 1) == '\\') {
                continue;
            }
            int i = skipWhitespace(json, at + quoted.length());
            if (i >= json.length() || json.charAt(i) != ':') {
                continue;
            }
            i = skipWhitespace(json, i + 1);
            if (i < json.length() && json.charAt(i) == first) {
                return true;
            }
        }
        return false;
    }

    /**
     * The string value of the first {@code quoted} key in {@code json}, for a cheap look at an event's
     * {@code type} (which our dialects put first); empty when there is none or it is not a plain string.
     */
    static String firstString(String json, String quoted) {
        int at = json.indexOf(quoted);
        if (at < 0) {
            return "";
        }
        int i = skipWhitespace(json, at + quoted.length());
        if (i >= json.length() || json.charAt(i) != ':') {
            return "";
        }
        i = skipWhitespace(json, i + 1);
        if (i >= json.length() || json.charAt(i) != '"') {
            return "";
        }
        int end = json.indexOf('"', i + 1);
        if (end < 0 || json.lastIndexOf('\\', end) > i) {
            return "";
        }
        return json.substring(i + 1, end);
    }

    private static int skipWhitespace(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
            i++;
        }
        return i;
    }
}
