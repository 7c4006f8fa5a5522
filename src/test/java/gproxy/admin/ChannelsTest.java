package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import gproxy.channel.ChannelRegistry;
import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.store.Row;

class ChannelsTest {

    private static void check(String channel) {
        Checks.channel().check(Row.of(Map.of("channel", channel)), Optional.empty(), null); // tx unused
    }

    @Test
    void theAdminApiAcceptsExactlyTheRegistrysIdsAndAliases() {
        assertThat(Channels.KNOWN).isEqualTo(ChannelRegistry.builtIns().ids());
        assertThatCode(() -> check("openai")).doesNotThrowAnyException();
        assertThatCode(() -> check("anthropic")).doesNotThrowAnyException();
    }

    @Test
    void aChannelThatIsNotBuiltYetIsRefusedWithTheValidIds() {
        assertThatThrownBy(() -> check("codex")).isInstanceOf(GatewayException.class)
                .hasMessageStartingWith("channel: \"codex\" is not a known channel (expected: one of aistudio, "
                        + "anthropic, azure, claudeapi, custom,");
    }

    @Test
    void theCatalogueRouteAnswersTheRegistrysCatalogue() {
        Reply reply = Channels.catalogue(new Call(null, Optional.empty(), Map.of())); // the handler reads nothing

        assertThat(reply.status()).isEqualTo(200);
        assertThat(Json.parse(reply.body().orElseThrow())).isEqualTo(ChannelRegistry.builtIns().catalogue());
    }
}
