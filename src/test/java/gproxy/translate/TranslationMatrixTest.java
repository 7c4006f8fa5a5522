package gproxy.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import gproxy.translate.Conformance.Declared;
import gproxy.translate.Conformance.Verdict;

/** Writes {@code docs/translation-matrix.md} from the golden tests' declarations, and keeps them honest. */
class TranslationMatrixTest {
    private static final Path MATRIX = Path.of("docs", "translation-matrix.md");

    @Test
    void everyDeclarationNamesAConvertedPairAndExplainsAnyLoss() {
        List<Declared> declared = Conformance.collect();

        assertThat(declared).isNotEmpty().allSatisfy(d -> {
            assertThat(d.client().content() && d.upstream().content() && d.client() != d.upstream())
                    .as("%s declares a content pair of two dialects", d.test()).isTrue();
            assertThat(Translations.find(d.client(), d.upstream()))
                    .as("%s declares a pair the registry converts", d.test()).isPresent();
            if (d.verdict() != Verdict.SUPPORTED) {
                assertThat(d.note()).as("%s says what %s loses", d.test(), d.name()).isNotBlank();
            }
        });
    }

    @Test
    void everyRegisteredPairDeclaresEveryColumn() {
        List<Declared> declared = Conformance.collect();

        for (Conformance.Pair pair : Conformance.pairs()) {
            if (Translations.find(pair.client(), pair.upstream()).isEmpty()) {
                continue;
            }
            Set<String> named = declared.stream().filter(pair::declares).map(Declared::name).collect(Collectors.toSet());
            assertThat(named).as("features declared by the golden tests of %s", pair.title())
                    .containsAll(Conformance.COLUMNS);
        }
    }

    @Test
    void everyOtherOperationDeclarationNamesAConvertedPairAndExplainsAnyLoss() {
        List<OperationConformance.Declared> declared = OperationConformance.collect();

        assertThat(declared).isNotEmpty().allSatisfy(d -> {
            assertThat(new OperationConformance.Pair(d.operation(), d.client(), d.upstream()).converted())
                    .as("%s declares a pair the registry converts", d.test()).isTrue();
            if (d.verdict() != Verdict.SUPPORTED) {
                assertThat(d.note()).as("%s says what %s loses", d.test(), d.name()).isNotBlank();
            }
        });
    }

    @Test
    void everyConvertedOtherOperationPairDeclaresEveryColumn() {
        List<OperationConformance.Declared> declared = OperationConformance.collect();

        for (OperationConformance.Pair pair : OperationConformance.pairs()) {
            if (!pair.converted()) {
                continue;
            }
            Set<String> named = declared.stream().filter(d -> d.operation() == pair.operation()
                    && d.client() == pair.client() && d.upstream() == pair.upstream())
                    .map(OperationConformance.Declared::name).collect(Collectors.toSet());
            assertThat(named).as("features declared by the golden tests of %s", pair.title())
                    .containsAll(OperationConformance.COLUMNS);
        }
    }

    @Test
    void matrixIsWrittenFromTheDeclarations() throws IOException {
        String markdown = Conformance.markdown(Conformance.collect());

        Files.createDirectories(MATRIX.getParent());
        Files.writeString(MATRIX, markdown, StandardCharsets.UTF_8);

        assertThat(markdown).contains("| Client → upstream |").contains("| " + String.join(" | ", Conformance.COLUMNS))
                .contains("| Operation | Client → upstream |");
        assertThat(Conformance.markdown(Conformance.collect())).as("deterministic").isEqualTo(markdown);
    }
}
