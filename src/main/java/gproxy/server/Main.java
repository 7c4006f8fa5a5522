package gproxy.server;

import io.helidon.logging.common.LogConfig;

/** The process entry point; see {@link Cli} for the commands. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        System.exit(new Cli(System.out, System.err, System.getenv()).run(args));
    }
}
