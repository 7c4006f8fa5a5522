package gproxy.channel;

import java.nio.charset.StandardCharsets;

import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;

/** Builds {@link PrepareInput}s for channel tests: a valid API key, no settings, no client headers. */
public final class Inputs {
    public static final String API_KEY = "sk-upstream-0123456789";

    private final OperationKey key;
    private String model = "";
    private byte[] body = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    private final WritableHeaders<?> headers = WritableHeaders.create();
    private String settings = "{}";
    private String secret = "{\"api_key\":\"" + API_KEY + "\"}";

    private Inputs(OperationKey key) {
        this.key = key;
    }

    public static Inputs of(Operation operation, Kind kind) {
        return new Inputs(OperationKey.of(operation, kind));
    }

    public static Inputs of(OperationKey key) {
        return new Inputs(key);
    }

    public Inputs model(String model) {
        this.model = model;
        return this;
    }

    public Inputs body(String body) {
        this.body = body.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    public Inputs header(String name, String value) {
        headers.add(HeaderNames.create(name), value);
        return this;
    }

    public Inputs settings(String json) {
        this.settings = json;
        return this;
    }

    public Inputs secret(String json) {
        this.secret = json;
        return this;
    }

    public PrepareInput build() {
        return new PrepareInput(key, model, body, headers, ProviderSettings.parse(settings),
                CredentialSecret.of(secret));
    }

    /** The one value of a header of a prepared request, or null when absent (test output only). */
    public static String header(UpstreamRequest request, String name) {
        return request.headers().first(HeaderNames.create(name)).orElse(null);
    }
}
