package gproxy.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;

import gproxy.cache.CacheBackend;
import gproxy.snapshot.Routing.Credential;

/**
 * Per-credential minute budgets (features §5.5): {@code crpm:{cred}:m{minute}} is incremented
 * before the check, {@code ctpm:{cred}:m{minute}} is read and fed with actual tokens at settlement.
 * A credential over either budget — or whose budget cannot be read — is skipped: that is neither an
 * attempt nor a health failure, the next candidate simply goes first.
 */
public final class CredentialBudgets {
    private static final Logger LOG = System.getLogger(CredentialBudgets.class.getName());
    static final Duration TTL = Duration.ofSeconds(120);

    /** Whether the attempt may use the credential, and if not, why (for logs). */
    public enum Verdict {
        ADMITTED, OVER_RPM, OVER_TPM, UNAVAILABLE;

        public boolean admitted() {
            return this == ADMITTED;
        }
    }

    private final CacheBackend cache;
    private final Clock clock;

    public CredentialBudgets(CacheBackend cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /** Counts one request against the credential's minute and checks both budgets; unlimited costs nothing. */
    public Verdict tryAdmit(Credential credential) {
        if (credential.rpmLimit().isEmpty() && credential.tpmLimit().isEmpty()) {
            return Verdict.ADMITTED;
        }
        long minute = minute();
        try {
            boolean counted = credential.rpmLimit().isPresent();
            if (counted && cache.incrementBy(rpmKey(credential.id(), minute), 1, TTL) > credential.rpmLimit().getAsLong()) {
                return Verdict.OVER_RPM;
            }
            if (credential.tpmLimit().isPresent()) {
                long used = cache.get(tpmKey(credential.id(), minute)).map(Long::parseLong).orElse(0L);
                // Tokens are known only after the fact: a minute that has reached its budget takes no more.
                if (used >= credential.tpmLimit().getAsLong()) {
                    if (counted) {
                        // This request will not be sent: give its RPM slot back.
                        cache.incrementBy(rpmKey(credential.id(), minute), -1, TTL);
                    }
                    return Verdict.OVER_TPM;
                }
            }
            return Verdict.ADMITTED;
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "credential " + credential.id() + " budget unreadable, skipped: " + e.getMessage());
            return Verdict.UNAVAILABLE;
        }
    }

    /** Feeds the actual total tokens of a settled attempt into this minute's TPM counter; best effort. */
    public void recordTokens(long credentialId, long tokens) {
        if (tokens <= 0) {
            return;
        }
        try {
            cache.incrementBy(tpmKey(credentialId, minute()), tokens, TTL);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "credential " + credentialId + " tokens not counted: " + e.getMessage());
        }
    }

    static String rpmKey(long credentialId, long minute) {
        return "crpm:" + credentialId + ":m" + minute;
    }

    static String tpmKey(long credentialId, long minute) {
        return "ctpm:" + credentialId + ":m" + minute;
    }

    private long minute() {
        return Math.floorDiv(clock.millis(), 60_000L);
    }
}
