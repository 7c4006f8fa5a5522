package gproxy.admin;

import java.io.PrintStream;

/**
 * The one place a bootstrap password or API key is ever shown: a marked block on standard output,
 * printed once when the admin is created. Never routed through the logger, whose output may be
 * shipped and kept elsewhere.
 */
final class BootstrapBanner {
    private static final String RULE = "=".repeat(72);

    private BootstrapBanner() {
    }

    static void print(PrintStream out, String user, BootstrapAdmin.Credentials credentials) {
        StringBuilder text = new StringBuilder()
                .append(RULE).append('\n')
                .append(" GPROXY: admin user created. These credentials are shown only this once.\n")
                .append("   user:     ").append(user).append('\n')
                .append("   password: ").append(credentials.password().orElse("(as set by GPROXY_ADMIN_PASSWORD)"))
                .append('\n')
                .append("   API key:  ").append(credentials.apiKey()).append('\n')
                .append(credentials.password().isPresent()
                        ? " Store them now. Sign in and change the generated password.\n"
                        : " Store the key now. Unset GPROXY_ADMIN_PASSWORD once you have signed in:\n"
                                + " while it is set, every start resets the admin's password to it.\n")
                .append(RULE).append('\n');
        out.print(text);
        out.flush();
    }
}
