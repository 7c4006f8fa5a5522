package gproxy.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import gproxy.error.GatewayException;
import gproxy.security.ApiKeys;
import gproxy.snapshot.Identity;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static final String ALICE_KEY = ApiKeys.generate();
    private static final String BOB_KEY = ApiKeys.generate();
    private static final Identity IDENTITY = new Identity(
            Map.of(ApiKeys.digest(ALICE_KEY), new Identity.Key(10, 1, "laptop"),
                    ApiKeys.digest(BOB_KEY), new Identity.Key(20, 2, "bob")),
            Map.of(1L, new Identity.User(1, "alice", Optional.of(7L), Optional.of(8L), true, false),
                    2L, new Identity.User(2, "bob", Optional.empty(), Optional.empty(), false, false)),
            Map.of(7L, new Identity.Org(7, "acme", true)),
            Map.of(8L, new Identity.Team(8, 7, "research", false)));

    private static Headers headers(String name, String value) {
        WritableHeaders<?> headers = WritableHeaders.create();
        headers.set(HeaderValues.create(HeaderNames.create(name), value));
        return headers;
    }

    @Test
    void bearerKeyFindsTheUserWithOrgAndTeam() {
        Caller caller = Authenticator.authenticate(IDENTITY, headers("Authorization", "Bearer " + ALICE_KEY),
                Optional.empty());
        assertThat(caller.user().name()).isEqualTo("alice");
        assertThat(caller.key().id()).isEqualTo(10);
        assertThat(caller.org()).map(Identity.Org::name).contains("acme");
        assertThat(caller.team()).map(Identity.Team::enabled).contains(false);
    }

    @Test
    void anthropicAndGeminiHeadersAndTheQueryKeyAuthenticateToo() {
        assertThat(Authenticator.authenticate(IDENTITY, headers("x-api-key", ALICE_KEY), Optional.empty())
                .user().id()).isEqualTo(1);
        assertThat(Authenticator.authenticate(IDENTITY, headers("x-goog-api-key", ALICE_KEY), Optional.empty())
                .user().id()).isEqualTo(1);
        assertThat(Authenticator.authenticate(IDENTITY, WritableHeaders.create(), Optional.of(ALICE_KEY))
                .user().id()).isEqualTo(1);
    }

    @Test
    void bearerWinsOverTheOtherHeaders() {
        WritableHeaders<?> headers = WritableHeaders.create();
        headers.set(HeaderValues.create(HeaderNames.AUTHORIZATION, "Bearer " + ALICE_KEY));
        headers.set(HeaderValues.create(HeaderNames.create("x-api-key"), BOB_KEY));
        assertThat(Authenticator.authenticate(IDENTITY, headers, Optional.empty()).user().name()).isEqualTo("alice");
    }

    @Test
    void missingUnknownAndDisabledUserKeysAllGetTheSameOpaque401() {
        for (Headers headers : new Headers[] {WritableHeaders.create(), headers("Authorization", "Bearer "),
                headers("Authorization", "Bearer sk-unknown"), headers("x-api-key", BOB_KEY)}) {
            assertThatThrownBy(() -> Authenticator.authenticate(IDENTITY, headers, Optional.empty()))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("invalid_api_key");
                        assertThat(e.getMessage()).isEqualTo("invalid or missing API key");
                    });
        }
    }
}
