package gproxy.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;

/** Properties every built-in channel's declared matrix has. */
class BuiltInRoutingRulesTest {
    private static final List<Kind> CONTENT = List.of(Kind.OPENAI_CHAT, Kind.OPENAI_RESPONSES, Kind.CLAUDE_MESSAGES,
            Kind.GEMINI_GENERATE);

    static Stream<Named<Channel>> channels() {
        return ChannelRegistry.builtIns().channels().stream().map(c -> Named.of(c.id(), c));
    }

    /** Settings that let every channel build a request: azure and custom have no default base URL. */
    private static String workingSettings(Channel c) {
        return switch (c.id()) {
            case "azure" -> "{\"resource\":\"res\"}";
            case "custom" -> "{\"base_url\":\"https://up.example\"}";
            default -> "{}";
        };
    }

    @ParameterizedTest
    @MethodSource("channels")
    void everyContentKindHasADecisionForGenerateAndStream(Channel channel) {
        Map<OperationKey, RoutingDecision> rules = channel.defaultRoutingRules();
        for (Operation op : List.of(Operation.GENERATE_CONTENT, Operation.STREAM_GENERATE_CONTENT)) {
            for (Kind kind : CONTENT) {
                assertThat(rules.get(OperationKey.of(op, kind))).as(op + "/" + kind)
                        .isNotNull().isNotInstanceOf(RoutingDecision.Unsupported.class);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("channels")
    void everyDeclaredCellIsFilledAndNothingElse(Channel channel) {
        assertThat(channel.defaultRoutingRules().keySet()).containsExactlyElementsOf(RoutingMatrix.cells());
        assertThat(channel.defaultRoutingRules().values()).doesNotContainNull();
    }

    @ParameterizedTest
    @MethodSource("channels")
    void everyConversionLandsOnAPassthroughCellOfTheSameOperation(Channel channel) {
        Map<OperationKey, RoutingDecision> rules = channel.defaultRoutingRules();
        rules.forEach((key, decision) -> {
            if (decision instanceof RoutingDecision.TransformTo t) {
                assertThat(t.destination().operation()).as(key.toString()).isEqualTo(key.operation());
                assertThat(rules.get(t.destination())).as(key + " -> " + t.destination())
                        .isEqualTo(RoutingDecision.PASSTHROUGH);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("channels")
    void theNativeKindsPassThroughAndThePreferredOneTakesTheConversions(Channel channel) {
        Map<OperationKey, RoutingDecision> rules = channel.defaultRoutingRules();
        List<Kind> natives = channel.metadata().nativeKinds();
        for (Kind kind : CONTENT) {
            RoutingDecision expected = natives.contains(kind) ? RoutingDecision.PASSTHROUGH
                    : RoutingDecision.transformTo(Operation.STREAM_GENERATE_CONTENT, natives.get(0));
            assertThat(rules.get(OperationKey.of(Operation.STREAM_GENERATE_CONTENT, kind))).as(kind.id())
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("channels")
    void everyPassthroughCellCanBePrepared(Channel channel) {
        channel.defaultRoutingRules().forEach((key, decision) -> {
            if (decision == RoutingDecision.PASSTHROUGH) {
                UpstreamRequest r = channel.prepare(Inputs.of(key).model("some-model")
                        .settings(workingSettings(channel)).build());
                assertThat(r.uri().getScheme()).as(key.toString()).isEqualTo("https");
                assertThat(r.streaming()).as(key.toString()).isEqualTo(key.operation().streaming());
            }
        });
    }

    @ParameterizedTest
    @MethodSource("channels")
    void theMetadataIdIsTheChannelId(Channel channel) {
        assertThat(channel.metadata().id()).isEqualTo(channel.id());
        assertThat(channel.metadata().secretTemplate()).containsOnlyKeys("api_key");
    }
}
