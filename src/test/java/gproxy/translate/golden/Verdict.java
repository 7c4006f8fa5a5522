package gproxy.translate.golden;

import java.util.Objects;

import gproxy.protocol.Kind;

/**
 * One cell of the translation conformance matrix, as recorded by a pair's golden tests: how a
 * feature fares when a {@code client} dialect is served by an {@code upstream} one.
 *
 * @param feature  the matrix row (text, system, images, tools, tool streaming, thinking, …)
 * @param support  supported, approximated or dropped
 * @param note     what is approximated or dropped, one line
 * @param evidence {@code Class#method} of the test that shows it (checked to exist)
 */
public record Verdict(Kind client, Kind upstream, String feature, Support support, String note, String evidence) {

    /** The three verdicts of the matrix. */
    public enum Support { SUPPORTED, APPROXIMATED, DROPPED }

    public Verdict {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(evidence, "evidence");
    }
}
