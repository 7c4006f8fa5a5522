package gproxy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.store.Row;
import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;

/**
 * Golden fixtures for every rule kind (and the magic-string pass) on every upstream dialect, under
 * {@code fixtures/rules/<kind>/<dialect>/<case>.json}: the rules as the admin API stores them, the
 * upstream request before the rules, and the body (and headers) the upstream must receive. A case
 * may also carry a buffered {@code response} with its {@code expected_response}, and an SSE
 * transcript pair {@code <case>.upstream.sse} → {@code <case>.client.sse} for the response phase.
 */
class RuleGoldenTest {
    private static final Path ROOT = root();
    /** Directory name → upstream dialect. */
    static final Map<String, Kind> DIALECTS = Map.of("openai-chat", Kind.OPENAI_CHAT,
            "openai-responses", Kind.OPENAI_RESPONSES, "claude-messages", Kind.CLAUDE_MESSAGES,
            "gemini", Kind.GEMINI_GENERATE);
    /** Every rule kind, plus the provider's magic-string cache pass. */
    private static final String MAGIC = "magic_cache";

    record Fixture(String kind, String dialect, String name, JsonNode spec, Optional<String> upstreamSse,
                   Optional<String> clientSse) {
        @Override
        public String toString() {
            return kind + "/" + dialect + "/" + name;
        }
    }

    static Stream<Fixture> fixtures() {
        return load().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFixtureShapesTheUpstreamRequestAsItsExpectedFileSays(Fixture fixture) throws IOException {
        JsonNode spec = fixture.spec();
        RequestShaper.Shaped shaped = RequestShaper.shape(rules(fixture), spec.path("provider_settings"),
                input(fixture), Json.bytes(spec.get("request")));

        assertThat(Json.parse(shaped.body())).as(fixture + " upstream body").isEqualTo(spec.get("expected"));
        if (spec.has("expected_headers")) {
            WritableHeaders<?> headers = WritableHeaders.create();
            spec.path("upstream_headers").properties().forEach(e ->
                    headers.set(HeaderNames.create(e.getKey()), e.getValue().asText()));
            HeaderEdits.apply(shaped.headers(), headers);
            spec.get("expected_headers").properties().forEach(e -> assertThat(
                    headers.first(HeaderNames.create(e.getKey())).orElse("<absent>"))
                    .as(fixture + " header " + e.getKey()).isEqualTo(e.getValue().asText()));
        }
        if (spec.has("expected_response")) {
            byte[] answer = Json.bytes(spec.get("response"));
            byte[] edited = shaped.responseEditor().map(e -> e.edit(answer)).orElse(answer);
            assertThat(Json.parse(edited)).as(fixture + " response").isEqualTo(spec.get("expected_response"));
        }
        if (fixture.upstreamSse().isPresent()) {
            ResponseEditor editor = shaped.responseEditor().orElseThrow(() ->
                    new AssertionError(fixture + " has a transcript but no response-phase rule"));
            InputStream edited = ResponseStreams.events(new ByteArrayInputStream(
                    fixture.upstreamSse().get().getBytes(StandardCharsets.UTF_8)), editor);
            assertThat(new String(edited.readAllBytes(), StandardCharsets.UTF_8)).as(fixture + " stream")
                    .isEqualTo(fixture.clientSse().orElseThrow());
        }
    }

    @Test
    void everyRuleKindAndTheMagicPassHaveAFixtureForEveryUpstreamDialect() {
        Set<String> covered = new TreeSet<>();
        load().forEach(f -> covered.add(f.kind() + "/" + f.dialect()));
        List<String> missing = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (RuleKind kind : RuleKind.values()) {
            kinds.add(kind.id());
        }
        kinds.add(MAGIC);
        for (String kind : kinds) {
            for (String dialect : DIALECTS.keySet()) {
                if (!covered.contains(kind + "/" + dialect)) {
                    missing.add(kind + "/" + dialect);
                }
            }
        }
        assertThat(missing).as("fixtures/rules/<kind>/<dialect> without a case").isEmpty();
    }

    @Test
    void everyDialectHasAStreamedResponseTransformTranscript() {
        Set<String> streamed = new TreeSet<>();
        load().stream().filter(f -> f.kind().equals(RuleKind.TRANSFORM.id()) && f.upstreamSse().isPresent())
                .forEach(f -> streamed.add(f.dialect()));
        assertThat(streamed).containsExactlyInAnyOrderElementsOf(DIALECTS.keySet());
    }

    @Test
    void fixtureDirectoriesNameOnlyKnownKindsAndDialects() throws IOException {
        try (Stream<Path> kinds = Files.list(ROOT)) {
            for (Path kind : kinds.toList()) {
                String name = kind.getFileName().toString();
                assertThat(name.equals(MAGIC) || RuleKind.of(name).isPresent()).as(name).isTrue();
                try (Stream<Path> dialects = Files.list(kind)) {
                    dialects.forEach(d -> assertThat(DIALECTS).containsKey(d.getFileName().toString()));
                }
            }
        }
    }

    private static List<CompiledRule> rules(Fixture fixture) {
        List<CompiledRule> out = new ArrayList<>();
        long id = 1;
        for (JsonNode rule : fixture.spec().path("rules")) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", id++);
            row.put("kind", rule.path("kind").asText(fixture.kind()));
            row.put("config_json", Json.text(rule.path("config")));
            for (String filter : List.of("filter_model_pattern", "filter_operation_keys", "filter_header_pattern")) {
                if (rule.has(filter)) {
                    row.put(filter, rule.get(filter).isTextual() ? rule.get(filter).asText()
                            : Json.text(rule.get(filter)));
                }
            }
            out.add(RuleCompiler.compile(Row.of(row)));
        }
        return out;
    }

    private static RuleInput input(Fixture fixture) {
        JsonNode spec = fixture.spec();
        Operation operation = Operation.of(spec.path("operation").asText("generate_content")).orElseThrow();
        WritableHeaders<?> headers = WritableHeaders.create();
        spec.path("headers").properties().forEach(e ->
                headers.set(HeaderNames.create(e.getKey()), e.getValue().asText()));
        String model = spec.path("model").asText(spec.path("request").path("model").asText("model"));
        return new RuleInput(OperationKey.of(operation, DIALECTS.get(fixture.dialect())), model, Optional.empty(),
                headers);
    }

    private static List<Fixture> load() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().map(RuleGoldenTest::fixture)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Fixture fixture(Path file) {
        Path dialect = file.getParent();
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        try {
            return new Fixture(dialect.getParent().getFileName().toString(), dialect.getFileName().toString(), name,
                    Json.parse(Files.readAllBytes(file)), text(dialect.resolve(name + ".upstream.sse")),
                    text(dialect.resolve(name + ".client.sse")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> text(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    }

    private static Path root() {
        try {
            return Path.of(RuleGoldenTest.class.getResource("/fixtures/rules").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("src/test/resources/fixtures/rules is missing", e);
        }
    }
}
