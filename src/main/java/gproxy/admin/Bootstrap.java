package gproxy.admin;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import gproxy.config.Settings;
import gproxy.error.GatewayException;
import gproxy.security.Passwords;
import gproxy.security.SecretBox;
import gproxy.store.Query;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * First-start work after the store is open and migrated, before the snapshot is built (reference
 * §6.3, steps 6–7):
 * <ol>
 * <li>{@code GPROXY_IMPORT_FILE}: imported when the store has no users and no providers;</li>
 * <li>{@code GPROXY_ADMIN_PASSWORD} set: the user named {@code GPROXY_ADMIN_USER} is created or
 * reset to that password, made an enabled admin, on every start (the recovery path);</li>
 * <li>otherwise, when there are no users at all: that admin is created with a random password.</li>
 * </ol>
 * A newly created admin also gets one API key. The generated password and the key are printed once
 * to {@code out} in a marked block and never logged. The password is stored as an Argon2 hash, the
 * key as its digest plus its sealed plaintext (for reveal with the master key).
 */
public final class Bootstrap {
    private static final int PASSWORD_BYTES = 18; // 24 base64url characters
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What happened to {@code GPROXY_IMPORT_FILE}. */
    public enum Import { NOT_CONFIGURED, IMPORTED, SKIPPED_NOT_EMPTY }

    /** What happened to the admin user. */
    public enum Admin { CREATED, RESET, UNCHANGED }

    /**
     * @param importFile    the bundle file, when one was configured
     * @param imported      what the import stored, when it ran
     */
    public record Result(Import importOutcome, Optional<Path> importFile, Optional<Bundle.Summary> imported,
                         Admin admin, String adminUser) {

        /** Whether bootstrap wrote to the store, so a snapshot loaded before it finished is stale. */
        public boolean wroteStore() {
            return importOutcome == Import.IMPORTED || admin != Admin.UNCHANGED;
        }

        /** One line for the start-up log; never contains a secret. */
        public String describe() {
            String bundle = switch (importOutcome) {
                case NOT_CONFIGURED -> "";
                case IMPORTED -> "bundle " + importFile.orElseThrow() + " imported: "
                        + imported.map(Bundle.Summary::toString).orElse("") + "; ";
                case SKIPPED_NOT_EMPTY -> "bundle " + importFile.orElseThrow()
                        + " not imported: the store already has users or providers; ";
            };
            String user = switch (admin) {
                case CREATED -> "admin user '" + adminUser + "' created (credentials printed once to stdout)";
                case RESET -> "admin user '" + adminUser + "' reset from GPROXY_ADMIN_PASSWORD"
                        + " (remove the setting once recovered)";
                case UNCHANGED -> "admin bootstrap: nothing to do";
            };
            return bundle + user;
        }
    }

    private Bootstrap() {
    }

    /**
     * Starts {@link #run} on a thread of its own and returns at once. Hashing or verifying the admin
     * password (Argon2id, about a second in a cold JVM) then overlaps the rest of start-up instead of
     * delaying the listener; the caller {@linkplain Pending#await() awaits} the result before it
     * accepts connections, and reloads its snapshot when {@link Result#wroteStore()}.
     */
    public static Pending begin(Store store, SecretBox box, Settings settings, PrintStream out) {
        FutureTask<Result> task = new FutureTask<>(() -> run(store, box, settings, out));
        Thread.ofPlatform().name("gproxy-bootstrap").daemon(true).start(task);
        return new Pending(task);
    }

    /** Bootstrap under way. Closing it waits for the work to end (so the store can be closed after it). */
    public static final class Pending implements AutoCloseable {
        private final FutureTask<Result> task;

        private Pending(FutureTask<Result> task) {
            this.task = task;
        }

        /** The outcome; a failure of the bootstrap is rethrown here as it was thrown there. */
        public Result await() {
            try {
                return task.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("bootstrap failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for bootstrap", e);
            }
        }

        @Override
        public void close() {
            try {
                task.get();
            } catch (ExecutionException e) {
                // reported by await(), or irrelevant when start-up failed elsewhere first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static Result run(Store store, SecretBox box, Settings settings, PrintStream out) {
        String adminUser = settings.adminUser().strip();
        if (adminUser.isEmpty()) {
            throw GatewayException.invalid("GPROXY_ADMIN_USER", "blank (expected: a user name)");
        }
        settings.adminPassword().ifPresent(p -> Passwords.checkPolicy("GPROXY_ADMIN_PASSWORD", p));

        Import importOutcome = Import.NOT_CONFIGURED;
        Optional<Bundle.Summary> imported = Optional.empty();
        if (settings.importFile().isPresent()) {
            imported = importIfEmpty(store, box, settings.importFile().get());
            importOutcome = imported.isPresent() ? Import.IMPORTED : Import.SKIPPED_NOT_EMPTY;
        }

        BootstrapAdmin admins = new BootstrapAdmin(store, box, adminUser);
        BootstrapAdmin.Outcome outcome = settings.adminPassword()
                .map(admins::upsert)
                .orElseGet(() -> admins.createIfNoUsers(() -> randomPassword()));
        outcome.credentials().ifPresent(c -> BootstrapBanner.print(out, adminUser, c));
        return new Result(importOutcome, settings.importFile(), imported, outcome.admin(), adminUser);
    }

    /**
     * Imports when the store has no users and no providers. Another instance importing the same
     * file at the same moment makes ours fail with a conflict; the store is then no longer empty
     * and the import counts as skipped.
     */
    private static Optional<Bundle.Summary> importIfEmpty(Store store, SecretBox box, Path file) {
        if (!Bundle.storeIsEmpty(store)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Bundle.importFile(store, box, file));
        } catch (GatewayException e) {
            if (e.status() == 409 && !Bundle.storeIsEmpty(store)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static String randomPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean hasUsers(Store store) {
        return store.count(Schema.USERS, Query.all()) > 0;
    }
}
