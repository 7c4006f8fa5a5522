package gproxy.translate;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import gproxy.protocol.Kind;

/**
 * What the golden tests prove about each ordered dialect pair, declared on the tests themselves so
 * the matrix cannot drift from them. Put one {@link Feature} per claim on a test method (or on its
 * class, for every method):
 *
 * <pre>{@code
 * @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = TOOLS, verdict = SUPPORTED,
 *          note = "tool_use/tool_result <-> tool_calls + role:tool, parallel calls kept")
 * @Test
 * void toolCallsAndResultsKeepTheirPairing() { ... }
 * }</pre>
 *
 * {@link #collect()} reads every declaration from the compiled test classes under
 * {@code gproxy/translate/} (no test needs to run first, so test order does not matter) and
 * {@link #markdown(List)} renders {@code docs/translation-matrix.md}; {@code TranslationMatrixTest}
 * writes it. Use the column names below for the matrix; any other name (documents, sampling, …)
 * appears in the pair's detail table only.
 */
public final class Conformance {
    public static final String TEXT = "text";
    public static final String SYSTEM = "system";
    public static final String IMAGES = "images";
    public static final String TOOLS = "tools";
    public static final String TOOL_STREAMING = "tool streaming";
    public static final String THINKING = "thinking";
    public static final String CACHE_MARKERS = "cache markers";
    public static final String USAGE = "usage";
    public static final String STRUCTURED_OUTPUT = "structured output";
    public static final String STOP_REASONS = "stop reasons";
    public static final List<String> COLUMNS = List.of(TEXT, SYSTEM, IMAGES, TOOLS, TOOL_STREAMING, THINKING,
            CACHE_MARKERS, USAGE, STRUCTURED_OUTPUT, STOP_REASONS);

    /** A column's claims that differ make its cell approximated (see {@code ConformanceMarkdown}). */
    public enum Verdict { SUPPORTED, APPROXIMATED, DROPPED }

    @Retention(RUNTIME)
    @Target({METHOD, TYPE})
    @Repeatable(Features.class)
    public @interface Feature {
        Kind client();

        Kind upstream();

        String name();

        Verdict verdict();

        /** What is carried, what is lost; required unless the verdict is SUPPORTED and obvious. */
        String note() default "";
    }

    @Retention(RUNTIME)
    @Target({METHOD, TYPE})
    public @interface Features {
        Feature[] value();
    }

    /** One declaration and the test that makes it ({@code Class#method}). */
    public record Declared(Kind client, Kind upstream, String name, Verdict verdict, String note, String test) {
    }

    private Conformance() {
    }

    /** Every declaration on the compiled test classes under {@code gproxy/translate/}, in a stable order. */
    public static List<Declared> collect() {
        Path root = testClasses();
        List<Declared> declared = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("gproxy/translate"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                Class<?> type = load(root.relativize(file));
                read(type, type.getSimpleName(), declared);
                for (Method method : type.getDeclaredMethods()) {
                    read(method, type.getSimpleName() + "#" + method.getName(), declared);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        listed(declared);
        declared.sort(Comparator.comparing(Declared::client).thenComparing(Declared::upstream)
                .thenComparing(Declared::name).thenComparing(Declared::verdict).thenComparing(Declared::test));
        return declared;
    }

    /**
     * The pairs whose golden tests keep their verdicts in lists rather than annotations; each row
     * names the test that is its evidence. Their "finish reasons" is this matrix's "stop reasons".
     */
    private static void listed(List<Declared> declared) {
        Stream.of(gproxy.translate.geminichat.GeminiChatVerdicts.ROWS,
                        gproxy.translate.responseschat.ResponsesChatVerdicts.ROWS)
                .flatMap(List::stream)
                .map(v -> new Declared(v.client(), v.upstream(),
                        v.feature().equals("finish reasons") ? STOP_REASONS : v.feature(),
                        Verdict.valueOf(v.support().name()), v.note(), v.evidence()))
                .forEach(declared::add);
    }

    /** The matrix document; deterministic for the same declarations. */
    public static String markdown(List<Declared> declared) {
        return ConformanceMarkdown.render(declared) + OperationConformance.markdown(OperationConformance.collect());
    }

    /** An ordered pair: the client's dialect and the upstream's. */
    public record Pair(Kind client, Kind upstream) {
        boolean declares(Declared d) {
            return d.client() == client && d.upstream() == upstream;
        }

        String title() {
            return ConformanceMarkdown.name(client) + " → " + ConformanceMarkdown.name(upstream);
        }
    }

    /** The four content dialects' ordered pairs, same-dialect (passthrough) excluded. */
    public static List<Pair> pairs() {
        List<Kind> kinds = Stream.of(Kind.values()).filter(Kind::content).toList();
        List<Pair> pairs = new ArrayList<>();
        for (Kind client : kinds) {
            for (Kind upstream : kinds) {
                if (client != upstream) {
                    pairs.add(new Pair(client, upstream));
                }
            }
        }
        return pairs;
    }

    private static void read(AnnotatedElement element, String test, List<Declared> into) {
        for (Feature f : element.getAnnotationsByType(Feature.class)) {
            into.add(new Declared(f.client(), f.upstream(), f.name(), f.verdict(), f.note(), test));
        }
    }

    static Path testClasses() {
        try {
            return Path.of(Conformance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("test classes are not on a file path", e);
        }
    }

    static Class<?> load(Path classFile) {
        String name = classFile.toString().replace(classFile.getFileSystem().getSeparator(), ".");
        try {
            return Class.forName(name.substring(0, name.length() - ".class".length()), false,
                    Conformance.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }
}
