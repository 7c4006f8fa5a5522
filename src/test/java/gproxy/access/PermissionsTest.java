package gproxy.access;

import static gproxy.access.Callers.ORG;
import static gproxy.access.Callers.TEAM;
import static gproxy.access.Callers.USER;
import static gproxy.access.Callers.permission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

import gproxy.error.GatewayException;

class PermissionsTest {

    @Test
    void theGrantIsTheUnionOfUserTeamAndOrgPatterns() {
        Permissions permissions = Permissions.of(List.of(
                permission(1, "user", USER, "fast"),
                permission(2, "team", TEAM, "cheap"),
                permission(3, "org", ORG, "anthropic")));

        assertThat(permissions.allows(Callers.member(), "fast")).isTrue();
        assertThat(permissions.allows(Callers.member(), "cheap")).isTrue();
        assertThat(permissions.allows(Callers.member(), "anthropic/claude-sonnet-4")).isTrue();
        assertThat(permissions.allows(Callers.member(), "slow")).isFalse();
        assertThat(permissions.allows(Callers.loner(), "cheap")).as("a team grant needs the team").isFalse();
    }

    @Test
    void aProviderNameGrantCoversEveryModelOfThatProviderOnly() {
        Permissions permissions = Permissions.of(List.of(permission(1, "user", USER, "openai")));

        assertThat(permissions.allows(Callers.loner(), "openai/gpt-4o")).isTrue();
        assertThat(permissions.allows(Callers.loner(), "openai/ft:gpt-4o/custom")).isTrue();
        assertThat(permissions.allows(Callers.loner(), "openai")).as("a route of that name").isTrue();
        assertThat(permissions.allows(Callers.loner(), "openai2/gpt-4o")).isFalse();
        assertThat(permissions.allows(Callers.loner(), "openrouter/openai/gpt-4o")).isFalse();
    }

    @Test
    void aModelPatternMustMatchTheWholeProviderSlashModel() {
        Permissions permissions = Permissions.of(List.of(permission(1, "user", USER, "openai/gpt-4*")));

        assertThat(permissions.allows(Callers.loner(), "openai/gpt-4o")).isTrue();
        assertThat(permissions.allows(Callers.loner(), "openai/gpt-4.1-mini")).isTrue();
        assertThat(permissions.allows(Callers.loner(), "openai/o3")).isFalse();
        assertThat(permissions.allows(Callers.loner(), "gpt-4o")).as("a route is not a model").isFalse();
    }

    @Test
    void aRouteNameMustMatchAsItself() {
        Permissions permissions = Permissions.of(List.of(permission(1, "user", USER, "fast"),
                permission(2, "user", USER, "team-?")));

        assertThat(permissions.allows(Callers.loner(), "fast")).isTrue();
        assertThat(permissions.allows(Callers.loner(), "faster")).isFalse();
        assertThat(permissions.allows(Callers.loner(), "Fast")).as("case-sensitive").isFalse();
        assertThat(permissions.allows(Callers.loner(), "team-a")).isTrue();
        assertThat(permissions.allows(Callers.loner(), "team-ab")).isFalse();
    }

    @Test
    void aStarGrantAllowsEverything() {
        Permissions permissions = Permissions.of(List.of(permission(1, "org", ORG, "*")));

        assertThat(permissions.allows(Callers.member(), "fast")).isTrue();
        assertThat(permissions.allows(Callers.member(), "gemini/gemini-2.5-pro")).isTrue();
    }

    @Test
    void aDisabledOrgDeniesWhateverTheUserIsGranted() {
        Permissions permissions = Permissions.of(List.of(permission(1, "user", USER, "*")));

        assertThat(permissions.allows(Callers.member(false, true), "fast")).isFalse();
    }

    @Test
    void aDisabledTeamDeniesWhateverTheUserIsGranted() {
        Permissions permissions = Permissions.of(List.of(permission(1, "user", USER, "*")));

        assertThat(permissions.allows(Callers.member(true, false), "fast")).isFalse();
    }

    @Test
    void anOrgTheSnapshotCannotResolveDenies() {
        Permissions permissions = Permissions.of(List.of(permission(1, "user", USER, "*")));

        assertThat(permissions.allows(Callers.orphan(), "fast")).isFalse();
    }

    @Test
    void grantsOfOtherScopesAndUnknownScopeKindsGrantNothing() {
        Permissions permissions = Permissions.of(List.of(permission(1, "user", USER + 1, "*"),
                permission(2, "team", ORG, "*"), permission(3, "key", USER, "*")));

        assertThat(permissions.allows(Callers.member(), "fast")).isFalse();
    }

    @Test
    void noGrantIs403PermissionDeniedNamingTheModelAndNothingElse() {
        Permissions permissions = Permissions.of(List.of(permission(1, "user", USER, "fast")));

        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> permissions.check(Callers.member(false, true), "openai/gpt-4o"));

        assertThat(e.status()).isEqualTo(403);
        assertThat(e.code()).isEqualTo("permission_denied");
        assertThat(e.getMessage()).contains("'openai/gpt-4o'")
                .doesNotContain("org", "team", "disabled", "acme", "ada", "fast");
        assertThatCode(() -> permissions.check(Callers.member(), "fast")).doesNotThrowAnyException();
    }
}
