package gproxy.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The readers on a live stream: each item must come out before the next one has been sent. */
@Timeout(10)
class SseLiveStreamTest {
    private static final int EVENTS = 5;

    @Test
    void eachEventIsReturnedBeforeTheNextOneIsSent() throws Exception {
        PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        CountDownLatch[] received = latches();
        AtomicInteger sent = new AtomicInteger();
        Thread writer = Thread.ofVirtual().start(() -> send(out, sent, received,
                i -> "event: delta\ndata: {\"i\":" + i + "}\n\n"));

        try (SseReader reader = new SseReader(in)) {
            for (int i = 0; i < EVENTS; i++) {
                SseEvent e = reader.next().orElseThrow();
                assertThat(e.dataText()).isEqualTo("{\"i\":" + i + "}");
                assertThat(sent.get()).as("events sent when event %d was read", i).isEqualTo(i + 1);
                received[i].countDown();
            }
            assertThat(reader.next()).isEmpty();
        }
        writer.join();
    }

    @Test
    void aBlockEndingInCarriageReturnIsReturnedWithoutWaitingForALineFeed() throws Exception {
        PipedInputStream in = new PipedInputStream();
        PipedOutputStream out = new PipedOutputStream(in);
        out.write("data: a\r\n\r".getBytes(UTF_8));
        out.flush();

        try (SseReader reader = new SseReader(in)) {
            assertThat(reader.next().orElseThrow().rawText()).isEqualTo("data: a\r\n\r");
            out.write("\ndata: b\r\n\r\n".getBytes(UTF_8));
            out.close();
            SseEvent b = reader.next().orElseThrow();
            assertThat(b.dataText()).isEqualTo("b");
            assertThat(b.rawText()).isEqualTo("\ndata: b\r\n\r\n");
        }
    }

    @Test
    void eachJsonArrayElementIsReturnedBeforeTheNextOneIsSent() throws Exception {
        PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        CountDownLatch[] received = latches();
        AtomicInteger sent = new AtomicInteger();
        Thread writer = Thread.ofVirtual().start(() -> send(out, sent, received,
                i -> (i == 0 ? "[" : ",\r\n") + "{\"i\": " + i + "}" + (i == EVENTS - 1 ? "]" : "")));

        try (JsonArrayReader reader = new JsonArrayReader(in)) {
            for (int i = 0; i < EVENTS; i++) {
                byte[] element = reader.next().orElseThrow();
                assertThat(new String(element, UTF_8)).isEqualTo("{\"i\": " + i + "}");
                assertThat(sent.get()).isEqualTo(i + 1);
                received[i].countDown();
            }
            assertThat(reader.next()).isEmpty();
            assertThat(reader.truncated()).isFalse();
        }
        writer.join();
    }

    private static CountDownLatch[] latches() {
        CountDownLatch[] latches = new CountDownLatch[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            latches[i] = new CountDownLatch(1);
        }
        return latches;
    }

    /** Sends item i, then waits until the reader has taken it before sending item i + 1. */
    private static void send(PipedOutputStream out, AtomicInteger sent, CountDownLatch[] received,
            java.util.function.IntFunction<String> item) {
        try (out) {
            for (int i = 0; i < EVENTS; i++) {
                sent.incrementAndGet();
                out.write(item.apply(i).getBytes(UTF_8));
                out.flush();
                if (!received[i].await(5, TimeUnit.SECONDS)) {
                    throw new AssertionError("item " + i + " was not read while the stream was idle");
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
