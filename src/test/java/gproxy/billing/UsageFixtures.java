package gproxy.billing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import gproxy.protocol.SseEvent;
import gproxy.protocol.SseReader;

/** Golden usage inputs under {@code src/test/resources/fixtures/usage/}. */
final class UsageFixtures {
    private UsageFixtures() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = UsageFixtures.class.getResourceAsStream("/fixtures/usage/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's events, read by the gateway's own SSE reader. */
    static List<SseEvent> events(String path) {
        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(bytes(path)))) {
            for (Optional<SseEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
                events.add(e.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    static StreamUsage streamed(UsageExtractor extractor, String path) {
        StreamUsage usage = extractor.stream();
        events(path).forEach(usage::observe);
        return usage;
    }

    static UsageReport report(long input, long output, long cacheRead, long c5m, long c1h, long image,
                              Optional<String> tier) {
        return new UsageReport(input, output, cacheRead, c5m, 0, c1h, image, tier, UsageSource.UPSTREAM);
    }
}
