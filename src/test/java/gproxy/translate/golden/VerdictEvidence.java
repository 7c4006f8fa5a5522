package gproxy.translate.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/** Checks that every recorded verdict names a test method that exists: no verdict without a test. */
public final class VerdictEvidence {
    private VerdictEvidence() {
    }

    public static void assertBacked(String testPackage, List<Verdict> verdicts) {
        for (Verdict v : verdicts) {
            String[] ref = v.evidence().split("#", 2);
            assertThat(ref).as(v.feature() + " evidence").hasSize(2);
            try {
                Class<?> test = Class.forName(testPackage + "." + ref[0]);
                boolean exists = Arrays.stream(test.getDeclaredMethods()).map(Method::getName).anyMatch(ref[1]::equals);
                assertThat(exists).as(v.client() + "->" + v.upstream() + " " + v.feature() + ": " + v.evidence()).isTrue();
            } catch (ClassNotFoundException e) {
                throw new AssertionError("no test class " + ref[0] + " for " + v.feature(), e);
            }
        }
    }
}
