package gproxy.channel.anthropic;

import java.util.List;

import gproxy.channel.Channel;

/** The Anthropic-family built-ins, for {@link gproxy.channel.ChannelRegistry}. */
public final class AnthropicChannels {

    private AnthropicChannels() {
    }

    public static List<Channel> all() {
        return List.of(new ClaudeApiChannel());
    }
}
