package gproxy.server;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.helidon.http.HeaderValues;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The real gateway process with one extra test route, {@code GET /test/slow-stream?events=N&gap-ms=M},
 * which streams N server-sent events M ms apart. Everything else (settings, store, bootstrap,
 * signals, drain) is the production path through {@link Cli}.
 */
public final class SlowStreamMain {
    private SlowStreamMain() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        System.exit(new Cli(System.out, System.err, System.getenv(), List.of(new SlowStream())).run(args));
    }

    static final class SlowStream implements HttpService {
        @Override
        public void routing(HttpRules rules) {
            rules.get("/test/slow-stream", SlowStream::stream);
        }

        private static void stream(ServerRequest req, ServerResponse res) throws Exception {
            int events = Integer.parseInt(req.query().first("events").orElse("5"));
            long gap = Long.parseLong(req.query().first("gap-ms").orElse("200"));
            res.header(HeaderValues.CONTENT_TYPE_EVENT_STREAM);
            try (OutputStream out = res.outputStream()) {
                for (int i = 1; i <= events; i++) {
                    out.write(("data: event " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(gap);
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
