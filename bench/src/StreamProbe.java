import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens streaming chat completions and records when each SSE event arrives.
 *
 * <p>{@code java bench/src/StreamProbe.java --url URL [--key K] [--model M] [--streams N]
 * [--rounds R] [--warmup W] [--ramp-ms MS] [--watch-pid PID]}: each round starts {@code N} streams
 * (spread over {@code ramp-ms}) and waits for all of them; slot {@code i} keeps its keep-alive
 * connection from round to round, as an SDK's pool would. Prints one line, {@code PROBE k=v ...}:
 * <ul>
 *   <li>{@code ttfb}: from writing the request to the first {@code data:} event (connect excluded);
 *   <li>{@code chunk}: per delta, the wall-clock time from the upstream writing it (its
 *       {@code bench_sent_us}) to its arrival here — same box, same clock, so gateway minus direct is
 *       the time each chunk spends in the gateway;
 *   <li>{@code gap}: time between consecutive events of one stream (a stall shows as a large max);
 *   <li>{@code held}: the most streams open at once; {@code rss_peak_kb}: of {@code watch-pid}.
 * </ul>
 * Raw sockets rather than java.net.http so that thousands of streams cost one virtual thread each
 * and nothing but the kernel sits between the wire and the timestamp.
 */
public final class StreamProbe {
    private static final Pattern SENT = Pattern.compile("\"bench_sent_us\":(\\d+)");

    private final URI url;
    private final byte[] request;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();

    private StreamProbe(URI url, String key, String model) {
        this.url = url;
        String body = "{\"model\":\"" + model + "\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Count to twenty.\"}]}";
        String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        this.request = ("POST " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json"
                + "\r\nAccept: text/event-stream\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String key = "sk-direct";
        String model = "gpt-bench";
        int streams = 1;
        int rounds = 1;
        int warmup = 0;
        long rampMs = 0;
        long watchPid = -1;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i++]) {
                case "--url" -> url = v;
                case "--key" -> key = v;
                case "--model" -> model = v;
                case "--streams" -> streams = Integer.parseInt(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--ramp-ms" -> rampMs = Long.parseLong(v);
                case "--watch-pid" -> watchPid = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i - 1]);
            }
        }
        if (url == null || streams < 1 || rounds < 1) {
            throw new IllegalArgumentException("--url is required; --streams and --rounds: >= 1");
        }
        StreamProbe probe = new StreamProbe(URI.create(url), key, model);
        Slot[] slots = new Slot[streams];
        Arrays.setAll(slots, i -> new Slot());
        for (int r = 0; r < warmup; r++) {
            probe.round(slots, rampMs);
        }
        probe.held.set(0);
        RssWatcher rss = new RssWatcher(watchPid);
        Thread watcher = Thread.ofPlatform().daemon().start(rss);
        long start = System.nanoTime();
        List<Result> results = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            results.addAll(probe.round(slots, rampMs));
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        watcher.interrupt();
        System.out.println(report(results, probe.held.get(), rss.peakKb(), elapsedMs));
    }

    /** Starts one stream per slot, spread over {@code rampMs}, and waits for every one. */
    private List<Result> round(Slot[] slots, long rampMs) throws InterruptedException {
        Result[] results = new Result[slots.length];
        Thread[] threads = new Thread[slots.length];
        for (int i = 0; i < slots.length; i++) {
            int index = i;
            long delayMs = rampMs * i / slots.length;
            threads[i] = Thread.ofVirtual().start(() -> {
                sleep(delayMs);
                results[index] = stream(slots[index]);
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        return List.of(results);
    }

    private Result stream(Slot slot) {
        Result result = new Result();
        try {
            Socket socket = slot.connect(url);
            InputStream in = slot.input;
            long sentAt = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            Response head = Response.read(in);
            if (head.status != 200) {
                throw new IOException("status " + head.status);
            }
            open.incrementAndGet();
            held.accumulateAndGet(open.get(), Math::max);
            try {
                InputStream body = head.body(in);
                readEvents(body, sentAt, result);
                body.transferTo(OutputStream.nullOutputStream()); // to the body's end, for keep-alive
            } finally {
                open.decrementAndGet();
            }
            if (!result.done) {
                throw new IOException("stream ended without data: [DONE] after " + result.events + " events");
            }
            if (head.close) {
                slot.close();
            }
        } catch (IOException | RuntimeException e) {
            result.error = e.toString();
            slot.close();
        }
        return result;
    }

    private static void readEvents(InputStream body, long sentAt, Result result) throws IOException {
        long last = 0;
        for (String line = Response.line(body); line != null; line = Response.line(body)) {
            if (!line.startsWith("data:")) {
                continue;
            }
            long now = System.nanoTime();
            long nowUs = wallMicros();
            if (result.events++ == 0) {
                result.ttfbUs = (now - sentAt) / 1_000;
            } else {
                result.gapsUs.add((now - last) / 1_000);
            }
            last = now;
            Matcher sent = SENT.matcher(line);
            if (sent.find()) {
                result.chunkUs.add(nowUs - Long.parseLong(sent.group(1)));
            }
            if (line.substring(5).trim().equals("[DONE]")) {
                result.done = true;
                return;
            }
        }
    }

    private static String report(List<Result> results, int held, long rssPeakKb, long elapsedMs) {
        List<Long> ttfb = new ArrayList<>();
        List<Long> chunk = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        int completed = 0;
        long events = 0;
        String firstError = "none";
        for (Result r : results) {
            if (r.error == null) {
                completed++;
                events += r.events;
                ttfb.add(r.ttfbUs);
                chunk.addAll(r.chunkUs);
                gaps.addAll(r.gapsUs);
            } else if (firstError.equals("none")) {
                firstError = r.error.replace(' ', '_');
            }
        }
        return String.format(Locale.ROOT, "PROBE streams=%d completed=%d failed=%d events=%d held=%d"
                        + " ttfb_p50_us=%d ttfb_p99_us=%d chunk_p50_us=%d chunk_p99_us=%d chunk_samples=%d"
                        + " gap_p50_us=%d gap_p99_us=%d gap_max_us=%d rss_peak_kb=%d elapsed_ms=%d first_error=%s",
                results.size(), completed, results.size() - completed, events, held,
                pct(ttfb, 50), pct(ttfb, 99), pct(chunk, 50), pct(chunk, 99), chunk.size(),
                pct(gaps, 50), pct(gaps, 99), pct(gaps, 100), rssPeakKb, elapsedMs, firstError);
    }

    /** Nearest-rank percentile; -1 when there are no samples. */
    private static long pct(List<Long> samples, int p) {
        if (samples.isEmpty()) {
            return -1;
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What one stream saw. */
    private static final class Result {
        long ttfbUs;
        int events;
        boolean done;
        String error;
        final List<Long> chunkUs = new ArrayList<>(64);
        final List<Long> gapsUs = new ArrayList<>(64);
    }

    /** One client connection, reused across rounds while the server keeps it alive. */
    private static final class Slot {
        Socket socket;
        InputStream input;

        Socket connect(URI url) throws IOException {
            if (socket == null || socket.isClosed()) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(60_000); // a stalled stream fails instead of hanging the run
                socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000);
                input = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
            }
            return socket;
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing is best effort; the slot reconnects next round
            }
            socket = null;
        }
    }

    /** Samples VmRSS of a process until interrupted. */
    private static final class RssWatcher implements Runnable {
        private final Path status;
        private final AtomicLong peak = new AtomicLong(-1);

        RssWatcher(long pid) {
            this.status = pid > 0 ? Path.of("/proc/" + pid + "/status") : null;
        }

        long peakKb() {
            sample();
            return peak.get();
        }

        @Override
        public void run() {
            while (status != null && !Thread.currentThread().isInterrupted()) {
                sample();
                sleep(20);
            }
        }

        private void sample() {
            if (status == null) {
                return;
            }
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        long kb = Long.parseLong(line.replaceAll("\\D", ""));
                        peak.accumulateAndGet(kb, Math::max);
                    }
                }
            } catch (IOException | NumberFormatException ignored) {
                // the process may be gone at the very end; the peak so far stands
            }
        }
    }

    /** A response head, and its body framing. */
    private record Response(int status, boolean chunked, long length, boolean close) {
        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("connection closed before the response");
            }
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            boolean chunked = false;
            long length = -1;
            boolean close = false;
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            return new Response(status, chunked, length, close || (!chunked && length < 0));
        }

        InputStream body(InputStream in) {
            if (chunked) {
                return new Dechunker(in);
            }
            return length >= 0 ? new Bounded(in, length) : in;
        }

        /** A line without its CR/LF; null at end of stream. */
        static String line(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder(256);
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    int end = sb.length();
                    if (end > 0 && sb.charAt(end - 1) == '\r') {
                        sb.setLength(end - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) b);
            }
            return sb.isEmpty() ? null : sb.toString();
        }
    }

    /** Reads an HTTP/1.1 chunked body as a plain stream; end of stream after the last chunk. */
    private static final class Dechunker extends InputStream {
        private final InputStream in;
        private long left;
        private boolean finished;

        Dechunker(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (finished) {
                return -1;
            }
            if (left == 0) {
                String size = Response.line(in);
                if (size != null && size.isEmpty()) { // the CRLF that closes the previous chunk
                    size = Response.line(in);
                }
                if (size == null) {
                    throw new IOException("eof inside a chunked body");
                }
                int semi = size.indexOf(';');
                left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (left == 0) {
                    while (true) { // trailers, up to the empty line, so the connection can be reused
                        String trailer = Response.line(in);
                        if (trailer == null || trailer.isEmpty()) {
                            break;
                        }
                    }
                    finished = true;
                    return -1;
                }
            }
            left--;
            return in.read();
        }
    }

    /** A Content-Length body. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            left--;
            return in.read();
        }
    }
}
