package gproxy.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;

class DispositionTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Headers none() {
        return WritableHeaders.create();
    }

    private static Headers retryAfter(String value) {
        return WritableHeaders.create().set(HeaderNames.RETRY_AFTER, value);
    }

    private static Disposition classify(int status, Headers headers) {
        return Disposition.of(status, headers, "", CLOCK);
    }

    private static String httpDate(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204, 299})
    void twoHundredsAreSuccess(int status) {
        assertThat(classify(status, none())).isEqualTo(Disposition.SUCCESS);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 402, 403})
    void unauthorizedPaymentRequiredAndForbiddenMeanTheCredentialIsDead(int status) {
        assertThat(classify(status, none())).isEqualTo(Disposition.AUTH_DEAD);
    }

    @Test
    void aForbiddenCarryingAMisalignmentPolicyViolationIsPermanentNotAuthDead() {
        String body = "{\"error\":{\"code\":\"misalignment_policy_violation\",\"message\":\"no\"}}";

        assertThat(Disposition.of(403, none(), body, CLOCK)).isEqualTo(Disposition.PERMANENT);
        assertThat(Disposition.of(401, none(), body, CLOCK)).isEqualTo(Disposition.AUTH_DEAD);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 529, 599})
    void fiveHundredsAreTransient(int status) {
        assertThat(classify(status, none())).isEqualTo(Disposition.TRANSIENT);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 408, 409, 413, 422, 499, 100, 304})
    void otherStatusesArePermanent(int status) {
        assertThat(classify(status, none())).isEqualTo(Disposition.PERMANENT);
    }

    @Test
    void aTooManyRequestsWithoutRetryAfterLeavesTheDelayToTheCaller() {
        assertThat(classify(429, none())).isEqualTo(new Disposition.RateLimited(Optional.empty()));
    }

    @Test
    void retryAfterInDeltaSecondsIsTheDelay() {
        assertThat(classify(429, retryAfter("120")))
                .isEqualTo(new Disposition.RateLimited(Optional.of(Duration.ofSeconds(120))));
        assertThat(classify(429, retryAfter(" 0 ")))
                .isEqualTo(new Disposition.RateLimited(Optional.of(Duration.ZERO)));
    }

    @Test
    void retryAfterAsAFutureHttpDateIsTheTimeUntilThatDate() {
        assertThat(classify(429, retryAfter(httpDate(NOW.plusSeconds(90)))))
                .isEqualTo(new Disposition.RateLimited(Optional.of(Duration.ofSeconds(90))));
    }

    @Test
    void retryAfterAsAPastHttpDateGivesNoDelay() {
        assertThat(classify(429, retryAfter(httpDate(NOW.minusSeconds(90)))))
                .isEqualTo(new Disposition.RateLimited(Optional.empty()));
        assertThat(classify(429, retryAfter(httpDate(NOW))))
                .isEqualTo(new Disposition.RateLimited(Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "-5", "1.5", "", "12 s", "99999999999999999999", "Sat, 99 Feb 2025 00:00:00 GMT"})
    void garbageRetryAfterGivesNoDelay(String value) {
        assertThat(classify(429, retryAfter(value))).isEqualTo(new Disposition.RateLimited(Optional.empty()));
    }

    @Test
    void theChannelDefaultReadsTheRealClockAndIgnoresAMissingBody() {
        Channel channel = ChannelRegistry.builtIns().find("openai").orElseThrow();
        Disposition d = channel.classify(429, retryAfter(httpDate(Instant.now().plusSeconds(3600))));

        assertThat(d).isInstanceOfSatisfying(Disposition.RateLimited.class, r -> assertThat(r.retryAfter())
                .hasValueSatisfying(w -> assertThat(w).isBetween(Duration.ofMinutes(58), Duration.ofMinutes(60))));
        assertThat(channel.classify(403, none())).isEqualTo(Disposition.AUTH_DEAD);
    }
}
