package gproxy.admin;

import java.util.Set;

import gproxy.channel.ChannelRegistry;

/**
 * The channel ids a provider may name: exactly the built-in registry's ids and aliases, so the admin
 * API cannot create a provider the data plane has no channel for. Also serves the catalogue.
 */
final class Channels {
    static final Set<String> KNOWN = ChannelRegistry.builtIns().ids();

    private Channels() {
    }

    /** {@code GET /admin/channels}. */
    static Reply catalogue(Call call) {
        return Reply.json(ChannelRegistry.builtIns().catalogue());
    }
}
