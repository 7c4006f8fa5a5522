package gproxy.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GlobTest {

    @Test
    void starMatchesAnyRunIncludingNoneAndSlashes() {
        Glob glob = new Glob("openai/*");

        assertThat(glob.matches("openai/")).isTrue();
        assertThat(glob.matches("openai/gpt-4o")).isTrue();
        assertThat(glob.matches("openai/org/model")).isTrue();
        assertThat(glob.matches("openai")).isFalse();
        assertThat(new Glob("*").matches("")).isTrue();
        assertThat(new Glob("a*b*c").matches("axxbyyc")).isTrue();
        assertThat(new Glob("a*b*c").matches("axxbyy")).isFalse();
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        Glob glob = new Glob("gpt-?");

        assertThat(glob.matches("gpt-4")).isTrue();
        assertThat(glob.matches("gpt-")).isFalse();
        assertThat(glob.matches("gpt-40")).isFalse();
    }

    @Test
    void everythingElseIsLiteralAndCaseSensitive() {
        assertThat(new Glob("GPT-4o").matches("gpt-4o")).isFalse();
        assertThat(new Glob("gpt.4o").matches("gpt-4o")).as("a dot is not a regex wildcard").isFalse();
        assertThat(new Glob("[a]").matches("[a]")).isTrue();
        assertThat(new Glob("fast").literal()).isTrue();
        assertThat(new Glob("fa?t").literal()).isFalse();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.SECONDS)
    void aPathologicalPatternDoesNotBacktrackExponentially() {
        String text = "a".repeat(20_000);

        assertThat(new Glob("*a*a*a*a*a*a*a*a*a*a*b").matches(text)).isFalse();
    }
}
