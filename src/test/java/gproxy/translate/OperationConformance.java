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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.translate.Conformance.Verdict;

/**
 * The matrix's second part: conversions of the operations that are not content generation (count
 * tokens, model list/get, embeddings) between vendor families, declared on their golden tests like
 * {@link Conformance.Feature}:
 *
 * <pre>{@code
 * @OperationFeature(operation = COUNT_TOKENS, client = CLAUDE, upstream = GEMINI, name = REQUEST,
 *                   verdict = SUPPORTED, note = "messages/system/tools -> generateContentRequest")
 * }</pre>
 *
 * Every pair {@link OperationTranslations} converts must declare {@link #COLUMNS}; other names go to
 * the pair's detail table.
 */
public final class OperationConformance {
    public static final String REQUEST = "request";
    public static final String ANSWER = "answer";
    public static final String USAGE = "usage";
    public static final List<String> COLUMNS = List.of(REQUEST, ANSWER, USAGE);
    /** The operations converted between the vendor families, in the matrix's order. */
    public static final List<Operation> OPERATIONS = List.of(Operation.COUNT_TOKENS, Operation.LIST_MODELS,
            Operation.GET_MODEL, Operation.CREATE_EMBEDDING);
    private static final List<Kind> FAMILIES = List.of(Kind.OPENAI, Kind.CLAUDE, Kind.GEMINI);

    @Retention(RUNTIME)
    @Target({METHOD, TYPE})
    @Repeatable(OperationFeatures.class)
    public @interface OperationFeature {
        Operation operation();

        Kind client();

        Kind upstream();

        String name();

        Verdict verdict();

        String note() default "";
    }

    @Retention(RUNTIME)
    @Target({METHOD, TYPE})
    public @interface OperationFeatures {
        OperationFeature[] value();
    }

    /** One declaration and the test that makes it. */
    public record Declared(Operation operation, Kind client, Kind upstream, String name, Verdict verdict, String note,
                           String test) {
        boolean of(Pair pair) {
            return operation == pair.operation() && client == pair.client() && upstream == pair.upstream();
        }
    }

    /** An operation between two different families. */
    public record Pair(Operation operation, Kind client, Kind upstream) {
        String title() {
            return operation.id() + ": " + client.id() + " → " + upstream.id();
        }

        boolean converted() {
            return OperationTranslations.find(OperationKey.of(operation, client), OperationKey.of(operation, upstream))
                    .isPresent();
        }
    }

    private OperationConformance() {
    }

    /** Every ordered pair of two families for every operation, converted or not (Claude has no embeddings). */
    public static List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (Operation operation : OPERATIONS) {
            for (Kind client : FAMILIES) {
                for (Kind upstream : FAMILIES) {
                    boolean embeddable = client != Kind.CLAUDE && upstream != Kind.CLAUDE;
                    if (client != upstream && (operation != Operation.CREATE_EMBEDDING || embeddable)) {
                        pairs.add(new Pair(operation, client, upstream));
                    }
                }
            }
        }
        return pairs;
    }

    public static List<Declared> collect() {
        Path root = Conformance.testClasses();
        List<Declared> declared = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("gproxy/translate"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                Class<?> type = Conformance.load(root.relativize(file));
                read(type, type.getSimpleName(), declared);
                for (Method method : type.getDeclaredMethods()) {
                    read(method, type.getSimpleName() + "#" + method.getName(), declared);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        declared.sort(Comparator.comparing(Declared::operation).thenComparing(Declared::client)
                .thenComparing(Declared::upstream).thenComparing(Declared::name).thenComparing(Declared::verdict)
                .thenComparing(Declared::test));
        return declared;
    }

    private static void read(AnnotatedElement element, String test, List<Declared> into) {
        for (OperationFeature f : element.getAnnotationsByType(OperationFeature.class)) {
            into.add(new Declared(f.operation(), f.client(), f.upstream(), f.name(), f.verdict(), f.note(), test));
        }
    }

    /** The section of {@code docs/translation-matrix.md} for these operations. */
    static String markdown(List<Declared> declared) {
        StringBuilder md = new StringBuilder("\n# Other operations\n\n");
        md.append("Count tokens, model list/get and embeddings between the vendor families (routing rule\n")
                .append("`transform_to`), as their golden tests show; — means the pair is not converted (such a\n")
                .append("candidate is skipped; count tokens and model lists can still be answered `local`ly).\n\n");
        md.append("| Operation | Client → upstream |");
        COLUMNS.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append("\n| --- | --- |");
        COLUMNS.forEach(c -> md.append(" --- |"));
        md.append('\n');
        for (Pair pair : pairs()) {
            List<Declared> own = declared.stream().filter(d -> d.of(pair)).toList();
            md.append("| ").append(pair.operation().id()).append(" | ").append(pair.client().id()).append(" → ")
                    .append(pair.upstream().id()).append(" |");
            for (String column : COLUMNS) {
                md.append(' ').append(cell(own, column)).append(" |");
            }
            md.append('\n');
        }
        for (Pair pair : pairs()) {
            List<Declared> own = declared.stream().filter(d -> d.of(pair)).toList();
            if (own.isEmpty()) {
                continue;
            }
            md.append("\n## ").append(pair.title()).append("\n\n")
                    .append("| Feature | Verdict | Note | Golden test |\n| --- | --- | --- | --- |\n");
            for (Declared d : own) {
                md.append("| ").append(d.name()).append(" | ").append(word(d.verdict())).append(" | ")
                        .append(d.note().replace("|", "\\|").replace("\n", " ")).append(" | `").append(d.test())
                        .append("` |\n");
            }
        }
        return md.toString();
    }

    private static String cell(List<Declared> own, String column) {
        Set<Verdict> verdicts = own.stream().filter(d -> d.name().equals(column)).map(Declared::verdict)
                .collect(Collectors.toSet());
        if (verdicts.isEmpty()) {
            return "—";
        }
        return word(verdicts.size() == 1 ? verdicts.iterator().next() : Verdict.APPROXIMATED);
    }

    private static String word(Verdict verdict) {
        return verdict.name().toLowerCase(java.util.Locale.ROOT);
    }
}
