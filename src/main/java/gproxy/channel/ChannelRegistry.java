package gproxy.channel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ArrayNode;

import gproxy.channel.anthropic.AnthropicChannels;
import gproxy.channel.gemini.GeminiChannels;
import gproxy.channel.openai.OpenAiChannels;

/**
 * The channels a provider may name, by id or alias (features §2.4 "registration"): an explicit list,
 * no classpath scanning. A duplicate id or alias fails construction, as it fails v2's startup.
 */
public final class ChannelRegistry {
    private final List<Channel> channels;
    private final Map<String, Channel> byName = new LinkedHashMap<>();

    public ChannelRegistry(List<Channel> channels) {
        this.channels = List.copyOf(channels);
        for (Channel channel : this.channels) {
            if (!channel.id().equals(channel.metadata().id())) {
                throw new IllegalArgumentException("channel " + channel.id() + ": metadata id is "
                        + channel.metadata().id() + " (expected: the same id)");
            }
            register(channel.id(), channel);
            channel.aliases().forEach(alias -> register(alias, channel));
        }
    }

    /** The built-in channels of this build. */
    public static ChannelRegistry builtIns() {
        return BuiltIns.REGISTRY;
    }

    /** A channel by id or alias. */
    public Optional<Channel> find(String id) {
        return Optional.ofNullable(byName.get(id));
    }

    public List<Channel> channels() {
        return channels;
    }

    /** Every name a provider's {@code channel} may hold: ids and aliases, sorted. */
    public Set<String> ids() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
    }

    /** The body of {@code GET /admin/channels}: one entry per channel, in registration order. */
    public ArrayNode catalogue() {
        return Catalogue.of(channels);
    }

    private void register(String name, Channel channel) {
        Channel previous = byName.putIfAbsent(name, channel);
        if (previous != null) {
            throw new IllegalStateException("channel id \"" + name + "\" is registered twice ("
                    + previous.getClass().getName() + ", " + channel.getClass().getName() + ")");
        }
    }

    /** Built once, on first use: channels are stateless. */
    private static final class BuiltIns {
        static final ChannelRegistry REGISTRY = new ChannelRegistry(all());

        private static List<Channel> all() {
            List<Channel> all = new ArrayList<>(OpenAiChannels.all());
            all.addAll(AnthropicChannels.all());
            all.addAll(GeminiChannels.all());
            return all;
        }
    }
}
