package gproxy.channel.gemini;

import java.util.List;

import gproxy.channel.Channel;

/** The Gemini-family built-ins, for {@link gproxy.channel.ChannelRegistry}. */
public final class GeminiChannels {

    private GeminiChannels() {
    }

    public static List<Channel> all() {
        return List.of(new AiStudioChannel());
    }
}
