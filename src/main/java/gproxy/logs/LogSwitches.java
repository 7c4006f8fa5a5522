package gproxy.logs;

import gproxy.snapshot.Snapshot;
import gproxy.store.Row;
import gproxy.store.Schema;

/**
 * The request-log switches of one snapshot's instance settings (v2 names): metadata and bodies, per
 * side, and whether redaction is off ({@code disable_log_redaction}, a debug override). Read from the
 * snapshot the request pinned, so an admin change applies from the next request on.
 */
public record LogSwitches(boolean downstream, boolean downstreamBody, boolean upstream, boolean upstreamBody,
                          boolean redact) {
    public static final LogSwitches OFF = new LogSwitches(false, false, false, false, true);

    public static LogSwitches of(Snapshot snapshot) {
        return snapshot.rows(Schema.INSTANCE_SETTINGS).stream().findFirst().map(LogSwitches::of).orElse(OFF);
    }

    static LogSwitches of(Row settings) {
        return new LogSwitches(settings.bool("enable_downstream_log"), settings.bool("enable_downstream_log_body"),
                settings.bool("enable_upstream_log"), settings.bool("enable_upstream_log_body"),
                !settings.bool("disable_log_redaction"));
    }

    /**
     * A body switch implies its side's row: bodies are kept on the row of their side, so asking for the
     * body alone still writes the row that holds it.
     */
    public boolean downstreamRow() {
        return downstream || downstreamBody;
    }

    public boolean upstreamRow() {
        return upstream || upstreamBody;
    }

    public boolean any() {
        return downstreamRow() || upstreamRow();
    }
}
