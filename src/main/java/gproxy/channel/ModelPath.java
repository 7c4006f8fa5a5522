package gproxy.channel;

import java.nio.charset.StandardCharsets;

/**
 * A model id as a URL path part. Ids may contain {@code /} (OpenRouter's {@code vendor/model},
 * reference §5.2), which is kept; every other byte outside RFC 3986's unreserved set is
 * percent-encoded, and dot segments are refused so that a model name cannot walk the upstream path.
 */
public final class ModelPath {

    private ModelPath() {
    }

    public static String encode(String model) {
        for (String segment : model.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw ChannelException.invalidModel(model,
                        "is not usable in a URL path (expected: no empty, \".\" or \"..\" segments)");
            }
        }
        StringBuilder out = new StringBuilder(model.length());
        for (byte b : model.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (unreserved(c) || c == '/') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
