import java.nio.charset.StandardCharsets;

import gproxy.billing.Estimate;
import gproxy.billing.StreamOptions;
import gproxy.protocol.PeekedBody;

/**
 * The body work of one streamed OpenAI Chat request, alone, for bodies of 1 KB, 100 KB and 1 MB
 * (a long agent conversation): the peek (the one full read), the character count the estimate and
 * the intent use, the {@code stream_options} check and edit, and the model rewrite — what
 * {@code DataPlaneService} and {@code AttemptLoop} do with a body before it goes upstream. Prints
 * microseconds per request (single thread, after JIT warm-up).
 * usage: java -cp 'target/classes:target/libs/*' bench/src/BodyBench.java
 */
public final class BodyBench {
    public static void main(String[] args) {
        for (int kb : new int[] {1, 100, 1000}) {
            byte[] body = body(kb * 1024);
            int iterations = Math.max(200, 200_000 / kb);
            long sink = 0;
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 6; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < iterations; i++) {
                    PeekedBody peeked = PeekedBody.of(body);
                    int characters = Estimate.characters(body);
                    boolean asked = StreamOptions.clientAskedForUsage(peeked);
                    byte[] upstream = StreamOptions.ensureIncludeUsage(peeked).withModel("gpt-upstream");
                    sink += characters + upstream.length + (asked ? 1 : 0);
                }
                double micros = (System.nanoTime() - start) / 1e3 / iterations;
                if (round >= 2) {
                    best = Math.min(best, micros);
                }
            }
            System.out.printf("%5d KB body: %8.1f µs per request (best of 4 rounds; checksum %d)%n", kb, best, sink % 10);
        }
    }

    /** A chat request of about {@code size} bytes: many user turns, some of them non-ASCII. */
    static byte[] body(int size) {
        StringBuilder b = new StringBuilder("{\"model\":\"fake/gpt-bench\",\"stream\":true,\"messages\":[");
        int i = 0;
        while (b.length() < size) {
            if (i++ > 0) {
                b.append(',');
            }
            b.append("{\"role\":\"user\",\"content\":\"Tell me about the weather in Zürich — and \\\"quote\\\" this, message ")
                    .append(i).append(".\"}");
        }
        return b.append("],\"max_tokens\":32}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
