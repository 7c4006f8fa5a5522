package gproxy.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Upstream answer bodies with the response phase of {@code transform} rules applied: an event
 * stream line by line (only {@code data:} payloads change; {@code [DONE]}, {@code event:},
 * {@code id:} and comments pass as they are), a buffered body whole. Neither holds back more than
 * one line of a stream.
 */
public final class ResponseStreams {
    /** A buffered answer larger than this is passed on unedited rather than held in memory. */
    static final int MAX_EDITED_BODY = 8 * 1024 * 1024;
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

    private ResponseStreams() {
    }

    public static InputStream events(InputStream in, ResponseEditor editor) {
        return new Events(in, editor);
    }

    public static InputStream whole(InputStream in, ResponseEditor editor) {
        return new Whole(in, editor);
    }

    /** Reads the body on first use; an oversize one continues unedited from where reading stopped. */
    private static final class Whole extends InputStream {
        private final InputStream in;
        private final ResponseEditor editor;
        private InputStream out;

        Whole(InputStream in, ResponseEditor editor) {
            this.in = in;
            this.editor = editor;
        }

        private InputStream out() throws IOException {
            if (out == null) {
                byte[] head = in.readNBytes(MAX_EDITED_BODY + 1);
                out = head.length > MAX_EDITED_BODY
                        ? new SequenceInputStream(new ByteArrayInputStream(head), in)
                        : new ByteArrayInputStream(editor.edit(head));
            }
            return out;
        }

        @Override
        public int read() throws IOException {
            return out().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return out().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** One line at a time: a line is read whole, edited when it is a data line, then handed on. */
    private static final class Events extends InputStream {
        private final InputStream in;
        private final ResponseEditor editor;
        private final byte[] chunk = new byte[8192];
        private int chunkPos;
        private int chunkEnd;
        private byte[] line = new byte[0];
        private int linePos;
        private boolean ended;

        Events(InputStream in, ResponseEditor editor) {
            this.in = in;
            this.editor = editor;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (linePos >= line.length) {
                if (ended) {
                    return -1;
                }
                nextLine();
            }
            int n = Math.min(len, line.length - linePos);
            System.arraycopy(line, linePos, b, off, n);
            linePos += n;
            return n;
        }

        private void nextLine() throws IOException {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            while (true) {
                if (chunkPos >= chunkEnd) {
                    chunkEnd = in.read(chunk, 0, chunk.length);
                    chunkPos = 0;
                    if (chunkEnd < 0) {
                        chunkEnd = 0;
                        ended = true;
                        break;
                    }
                }
                int start = chunkPos;
                while (chunkPos < chunkEnd && chunk[chunkPos] != '\n') {
                    chunkPos++;
                }
                boolean complete = chunkPos < chunkEnd;
                if (complete) {
                    chunkPos++; // keep the newline with its line
                }
                raw.write(chunk, start, chunkPos - start);
                if (complete) {
                    break;
                }
            }
            line = edited(raw.toByteArray());
            linePos = 0;
        }

        private byte[] edited(byte[] raw) {
            if (raw.length < DATA.length || !Arrays.equals(raw, 0, DATA.length, DATA, 0, DATA.length)) {
                return raw;
            }
            int start = DATA.length;
            if (start < raw.length && raw[start] == ' ') {
                start++;
            }
            int end = raw.length;
            while (end > start && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
                end--;
            }
            byte[] payload = Arrays.copyOfRange(raw, start, end);
            byte[] edited = editor.edit(payload);
            if (edited == payload) {
                return raw;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 16);
            out.write(raw, 0, start);
            out.write(edited, 0, edited.length);
            out.write(raw, end, raw.length - end);
            return out.toByteArray();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
