package gproxy.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import gproxy.engine.AttemptLog;
import gproxy.engine.Relay;
import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Table;
import io.helidon.http.Headers;
import io.helidon.webserver.http.ServerRequest;

/**
 * The log of one data-plane request while it runs: the data plane tells it who called and what, the
 * attempt loop tells it each send, the relay shows it the upstream answer and the response stream the
 * client's; {@link #finish} turns that into the rows the {@link LogSwitches} ask for. Bodies are held
 * only as bounded copies ({@link BodyCapture}). Used by the request's thread only.
 */
public final class RequestLog implements AttemptLog {
    private static final Logger LOG = System.getLogger(RequestLog.class.getName());

    /** Rows to append, in order. */
    public record Entry(Table table, Row row) {
    }

    private final LogSwitches switches;
    private final String requestId;
    private final int cap;
    private final long at;
    private final long startedNanos;
    private final String method;
    private final String path;
    private final String query;
    private final Headers headers;
    private final String clientIp;
    private final BodyCapture response;
    private final List<Entry> upstreamRows = new ArrayList<>();
    private Optional<Sent> answering = Optional.empty();
    private Optional<BodyCapture> answer = Optional.empty();
    private Optional<byte[]> requestBody = Optional.empty();
    private Optional<Long> userId = Optional.empty();
    private Optional<Long> userKeyId = Optional.empty();
    private Optional<Long> providerId = Optional.empty();
    private Optional<String> routeName = Optional.empty();
    private Optional<String> model = Optional.empty();
    private Optional<String> errorCode = Optional.empty();

    RequestLog(LogSwitches switches, String requestId, int cap, Clock clock, ServerRequest req, String clientIp) {
        this.switches = switches;
        this.requestId = requestId;
        this.cap = cap;
        this.at = clock.instant().getEpochSecond();
        this.startedNanos = System.nanoTime();
        this.method = req.prologue().method().text();
        this.path = req.path().rawPath();
        this.query = req.query().rawValue();
        this.headers = req.headers();
        this.clientIp = clientIp;
        this.response = new BodyCapture(switches.downstreamBody() ? cap : 0);
    }

    /** The log of the request being handled, when its snapshot logs anything. */
    public static Optional<RequestLog> of(ServerRequest req) {
        return req.context().get(RequestLog.class, RequestLog.class);
    }

    public LogSwitches switches() {
        return switches;
    }

    public void caller(long user, long key) {
        this.userId = Optional.of(user);
        this.userKeyId = Optional.of(key);
    }

    public void target(Optional<String> route, String requestedModel) {
        this.routeName = route;
        this.model = Optional.of(requestedModel);
    }

    public void requestBody(byte[] body) {
        if (switches.downstreamBody()) {
            this.requestBody = Optional.of(body);
        }
    }

    /** The stable code of the gateway error the client got. */
    public void failed(String code) {
        this.errorCode = Optional.of(code);
    }

    /** Copies what goes to the client into the response capture (bounded), when bodies are kept. */
    public OutputStream tee(OutputStream out) {
        return response.tee(out);
    }

    @Override
    public void sent(Sent attempt) {
        providerId = Optional.of(attempt.candidate().provider().id());
        if (!switches.upstreamRow()) {
            return;
        }
        if (attempt.answering()) {
            answering = Optional.of(attempt);
            answer = Optional.of(new BodyCapture(switches.upstreamBody() ? cap : 0));
            return;
        }
        BodyCapture error = new BodyCapture(switches.upstreamBody() ? cap : 0);
        error.write(attempt.errorBody());
        upstreamRows.add(upstreamRow(attempt, error));
    }

    /**
     * The relay's observer, also copying the upstream answer (events as they arrive, or the whole body)
     * into the answering attempt's capture when upstream bodies are kept.
     */
    public Relay.Observer observe(Relay.Observer inner) {
        if (!switches.upstreamBody() || answer.isEmpty()) {
            return inner;
        }
        BodyCapture capture = answer.get();
        OutputStream sink = capture.sink();
        return new Relay.Observer(event -> {
            boolean forward = inner.event().test(event);
            copy(event, sink);
            return forward;
        }, body -> {
            capture.write(body);
            inner.body().accept(body);
        });
    }

    private static void copy(SseEvent event, OutputStream sink) {
        try {
            event.writeTo(sink);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "upstream event not captured: " + e);
        }
    }

    /** The rows of the request, which ended with {@code status}; empty when the switches ask for none. */
    public List<Entry> finish(int status) {
        List<Entry> rows = new ArrayList<>(upstreamRows);
        answering.ifPresent(sent -> rows.add(upstreamRow(sent, answer.orElseThrow())));
        if (switches.downstreamRow()) {
            rows.addFirst(new Entry(Schema.DOWNSTREAM_REQUESTS, downstreamRow(status)));
        }
        return rows;
    }

    private Row downstreamRow(int status) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("request_id", requestId);
        row.put("at", at);
        row.put("method", method);
        row.put("path", path);
        row.put("query", query.isEmpty() ? null : switches.redact() ? Redaction.query(query) : query);
        row.put("status", (long) status);
        row.put("headers_json", Json.text(Redaction.headers(headers, switches.redact())));
        if (switches.downstreamBody()) {
            row.put("body", requestBody.map(b -> BodyCapture.whole(b, cap, switches.redact())).orElse(null));
            row.put("response_body", response.text(switches.redact()));
        }
        row.put("user_id", userId.orElse(null));
        row.put("user_key_id", userKeyId.orElse(null));
        row.put("provider_id", providerId.orElse(null));
        row.put("route_name", routeName.orElse(null));
        row.put("model", model.orElse(null));
        row.put("error_code", errorCode.orElse(null));
        row.put("latency_ms", (System.nanoTime() - startedNanos) / 1_000_000);
        row.put("client_ip", clientIp);
        return new Row(row);
    }

    private Entry upstreamRow(Sent sent, BodyCapture responseBody) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("request_id", requestId);
        row.put("at", at);
        row.put("provider_id", sent.candidate().provider().id());
        row.put("credential_id", sent.candidate().credential().id());
        row.put("attempt", (long) sent.number());
        row.put("model", sent.candidate().upstreamModel());
        sent.request().ifPresent(request -> {
            String url = request.uri().toString();
            row.put("url", switches.redact() ? Redaction.query(url) : url);
            row.put("method", request.method().text());
            row.put("headers_json", Json.text(Redaction.headers(request.headers(), switches.redact())));
            if (switches.upstreamBody()) {
                row.put("body", BodyCapture.whole(request.body(), cap, switches.redact()));
            }
        });
        row.put("status", sent.status() == 0 ? null : (long) sent.status());
        row.put("latency_ms", sent.latency().toMillis());
        row.put("disposition", Dispositions.name(sent.disposition()));
        row.put("error", sent.error().orElse(null));
        if (switches.upstreamBody()) {
            row.put("response_body", responseBody.text(switches.redact()));
        }
        return new Entry(Schema.UPSTREAM_REQUESTS, new Row(row));
    }
}
