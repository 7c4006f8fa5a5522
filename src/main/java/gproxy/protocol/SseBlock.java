package gproxy.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The fields of the block being read (WHATWG "interpret an event stream", one line at a time). */
final class SseBlock {
    private String event;
    private StringBuilder data;
    private String id;
    private long retry = -1;
    private final List<String> comments = new ArrayList<>();
    private boolean started;

    boolean started() {
        return started;
    }

    /** One non-empty line, without its line ending. */
    void line(String line) {
        started = true;
        int colon = line.indexOf(':');
        if (colon == 0) {
            comments.add(value(line, 1));
            return;
        }
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : value(line, colon + 1);
        switch (field) {
            case "event" -> event = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            case "id" -> id = value.indexOf('\0') < 0 ? value : id;
            case "retry" -> retry = digits(value) ? parseRetry(value) : retry;
            default -> {
                // Unknown fields are ignored by the spec; their bytes stay in the raw block.
            }
        }
    }

    /** The finished event; resets the block for the next one. */
    SseEvent event(byte[] raw) {
        SseEvent e = new SseEvent(Optional.ofNullable(event), Optional.ofNullable(data).map(StringBuilder::toString),
                Optional.ofNullable(id), retry < 0 ? OptionalLong.empty() : OptionalLong.of(retry), comments, raw);
        event = null;
        data = null;
        id = null;
        retry = -1;
        comments.clear();
        started = false;
        return e;
    }

    /** The text after {@code from}, less one leading space. */
    private static String value(String line, int from) {
        return line.startsWith(" ", from) ? line.substring(from + 1) : line.substring(from);
    }

    private static boolean digits(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static long parseRetry(String value) {
        // Absurdly long digit runs saturate rather than fail: the field is advisory.
        return value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
    }
}
