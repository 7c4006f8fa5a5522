package gproxy.logs;

import gproxy.channel.Disposition;

/** The stable names of dispositions in {@code upstream_requests.disposition}. */
final class Dispositions {
    private Dispositions() {
    }

    static String name(Disposition disposition) {
        return switch (disposition) {
            case Disposition.Success s -> "success";
            case Disposition.AuthDead a -> "auth_dead";
            case Disposition.RateLimited r -> "rate_limited";
            case Disposition.Transient t -> "transient";
            case Disposition.Permanent p -> "permanent";
        };
    }
}
