package gproxy.server;

import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import gproxy.admin.Bundle;
import gproxy.config.ConfigException;
import gproxy.config.Settings;
import gproxy.config.SettingsLoader;
import gproxy.error.GatewayException;
import gproxy.security.ApiKeys;
import gproxy.security.SecretBox;
import gproxy.store.JdbcStore;
import gproxy.store.Store;
import io.helidon.webserver.http.HttpService;

/**
 * The command line: {@code gproxy [serve] [flags]}, {@code gproxy export --out FILE [flags]},
 * {@code gproxy import --in FILE [flags]}, {@code gproxy generate-key}, {@code --help},
 * {@code --version}. Flags other than a subcommand's own go to {@link SettingsLoader}. Problems the
 * user can fix print one line to stderr and exit non-zero (2 for usage and configuration).
 */
final class Cli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final Logger LOG = System.getLogger(Cli.class.getName());

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final List<HttpService> extraMounts;

    Cli(PrintStream out, PrintStream err, Map<String, String> env) {
        this(out, err, env, List.of());
    }

    /** With further services mounted at {@code /} when serving (tests that need a real process). */
    Cli(PrintStream out, PrintStream err, Map<String, String> env, List<HttpService> extraMounts) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.extraMounts = List.copyOf(extraMounts);
    }

    /** Runs the command; for {@code serve}, returns only when the process is shutting down. */
    int run(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() || rest.get(0).startsWith("-") ? "serve" : rest.remove(0);
        try {
            if (rest.contains("--help") || rest.contains("-h") || command.equals("help")) {
                out.print(help());
                return OK;
            }
            if (rest.contains("--version") || command.equals("version")) {
                out.println("gproxy " + Version.current());
                return OK;
            }
            return switch (command) {
                case "serve" -> serve(rest);
                case "export" -> export(rest);
                case "import" -> importBundle(rest);
                case "generate-key" -> generateKey(rest);
                default -> usageError("unknown command '" + command
                        + "' (expected: serve, export, import, generate-key)");
            };
        } catch (ConfigException e) {
            return usageError(e.getMessage());
        } catch (GatewayException e) {
            err.println("gproxy: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "gproxy " + command + " failed", e);
            err.println("gproxy: " + command + " failed: " + e.getMessage());
            return FAILED;
        }
    }

    private int serve(List<String> flags) {
        Settings settings = SettingsLoader.load(flags, env);
        LogLevels.apply(settings.logLevel());
        LOG.log(Level.INFO, "starting gproxy " + Version.current() + " on Java " + Runtime.version() + ": "
                + settings);
        // handlers first: a signal during start-up (an orchestrator's stop, a quick Ctrl-C) shuts the
        // gateway down once it is up instead of killing the JVM with the default handler
        CompletableFuture<Gateway> started = new CompletableFuture<>();
        Shutdown shutdown = new Shutdown();
        shutdown.onSignals(() -> started.join().close());
        try {
            started.complete(Gateway.start(settings, out, extraMounts));
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
            throw e;
        }
        try {
            return shutdown.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }

    private int export(List<String> flags) {
        Path file = Path.of(takeValue(flags, "--out", "export"));
        Settings settings = SettingsLoader.load(flags, env);
        try (Store store = JdbcStore.open(settings.dsn())) {
            Bundle.Summary summary = Bundle.writeExport(store, SecretBox.from(settings.masterKey()), file);
            out.println("exported " + summary + " to " + file.toAbsolutePath()
                    + " (contains plaintext secrets; mode 0600)");
        }
        return OK;
    }

    private int importBundle(List<String> flags) {
        Path file = Path.of(takeValue(flags, "--in", "import"));
        Settings settings = SettingsLoader.load(flags, env);
        try (Store store = JdbcStore.open(settings.dsn())) {
            Bundle.Summary summary = Bundle.importFile(store, SecretBox.from(settings.masterKey()), file);
            out.println("imported " + summary + " from " + file.toAbsolutePath());
        }
        return OK;
    }

    private int generateKey(List<String> flags) {
        if (!flags.isEmpty()) {
            return usageError("generate-key takes no arguments, got: " + String.join(" ", flags));
        }
        out.println(ApiKeys.generate());
        return OK;
    }

    /** Removes {@code --name value} or {@code --name=value} from {@code flags} and returns the value. */
    private static String takeValue(List<String> flags, String name, String command) {
        Optional<String> value = Optional.empty();
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            if (flag.startsWith(name + "=")) {
                value = Optional.of(flag.substring(name.length() + 1));
                flags.remove(i);
                break;
            }
            if (flag.equals(name) && i + 1 < flags.size()) {
                value = Optional.of(flags.get(i + 1));
                flags.subList(i, i + 2).clear();
                break;
            }
        }
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new ConfigException(name,
                command + ": " + name + " FILE is required"));
    }

    private int usageError(String message) {
        err.println("gproxy: " + message);
        err.println("Run 'gproxy --help' for the commands and settings.");
        return USAGE;
    }

    static String help() {
        return """
                GPROXY for the JVM: a multi-tenant LLM API gateway.

                Usage:
                  gproxy [serve] [flags]            start the gateway (the default)
                  gproxy export --out FILE [flags]  write all configuration, with plaintext secrets, to FILE (0600)
                  gproxy import --in FILE [flags]   load a v2 JSON bundle into an empty store
                  gproxy generate-key               print a new sk-... API key
                  gproxy --version | --help

                """ + SettingsLoader.usage();
    }
}
