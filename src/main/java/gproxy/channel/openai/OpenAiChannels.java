package gproxy.channel.openai;

import java.util.ArrayList;
import java.util.List;

import gproxy.channel.Channel;

/** The OpenAI-family built-ins, for {@link gproxy.channel.ChannelRegistry}. */
public final class OpenAiChannels {

    private OpenAiChannels() {
    }

    public static List<Channel> all() {
        List<Channel> all = new ArrayList<>();
        Presets.ALL.forEach(p -> all.add(new PresetChannel(p)));
        all.add(new AzureChannel());
        all.add(new CustomChannel());
        return List.copyOf(all);
    }
}
