package gproxy.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Percent-decoding of path segments and query parameters. Unlike {@link java.net.URLDecoder} it
 * leaves {@code +} alone in paths (it is a literal there) and refuses malformed escapes and invalid
 * UTF-8 instead of guessing, so a model id is either exactly what the client meant or rejected.
 */
final class PathCodec {
    private PathCodec() {
    }

    static Optional<String> decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return Optional.of(raw);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            int percent = raw.indexOf('%', i);
            int end = percent < 0 ? raw.length() : percent;
            // Literal runs are copied whole so surrogate pairs stay together.
            bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            if (percent + 2 >= raw.length()) {
                return Optional.empty();
            }
            int hi = Character.digit(raw.charAt(percent + 1), 16);
            int lo = Character.digit(raw.charAt(percent + 2), 16);
            if (hi < 0 || lo < 0) {
                return Optional.empty();
            }
            bytes.write(hi << 4 | lo);
            i = percent + 3;
        }
        return utf8(bytes.toByteArray());
    }

    /** The decoded value of query parameter {@code name}, first occurrence; {@code +} is a space there. */
    static Optional<String> queryParam(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            if (decode(key.replace('+', ' ')).filter(name::equals).isPresent()) {
                return decode(value.replace('+', ' '));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
