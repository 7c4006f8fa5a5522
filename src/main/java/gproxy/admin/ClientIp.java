package gproxy.admin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The caller's IP address: the socket peer, unless the peer is loopback or a trusted proxy, in which
 * case {@code x-forwarded-for} (the right-most hop that is not itself a trusted proxy) or
 * {@code x-real-ip} names it. Forwarded values that are not IP literals are ignored. Trusted proxies
 * are IP literals or CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}); host names are ignored.
 */
public final class ClientIp {
    private static final HeaderName X_FORWARDED_FOR = HeaderNames.create("x-forwarded-for");
    private static final HeaderName X_REAL_IP = HeaderNames.create("x-real-ip");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private record Block(byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> trusted;

    private ClientIp(List<Block> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** Trusts loopback and the given proxies (IP literals or CIDR blocks). */
    public static ClientIp trusting(List<String> proxies) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : proxies) {
            block(entry.strip()).ifPresent(blocks::add);
        }
        return new ClientIp(blocks);
    }

    public String of(ServerRequest req) {
        SocketAddress peer = req.remotePeer().address();
        if (!(peer instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return String.valueOf(peer);
        }
        return resolve(inet.getAddress(), req.headers().first(X_FORWARDED_FOR), req.headers().first(X_REAL_IP));
    }

    /** The rule itself, for callers that have the pieces already. */
    public String resolve(InetAddress peer, Optional<String> forwardedFor, Optional<String> realIp) {
        if (!trusts(peer)) {
            return peer.getHostAddress();
        }
        if (forwardedFor.isPresent()) {
            List<InetAddress> hops = new ArrayList<>();
            for (String hop : forwardedFor.get().split(",")) {
                literal(hop.strip()).ifPresent(hops::add);
            }
            for (int i = hops.size() - 1; i >= 0; i--) {
                if (!trusts(hops.get(i))) {
                    return hops.get(i).getHostAddress();
                }
            }
            if (!hops.isEmpty()) {
                return hops.get(0).getHostAddress();
            }
        }
        return realIp.flatMap(v -> literal(v.strip())).orElse(peer).getHostAddress();
    }

    private boolean trusts(InetAddress address) {
        return address.isLoopbackAddress() || trusted.stream().anyMatch(b -> b.contains(address));
    }

    private static Optional<Block> block(String entry) {
        int slash = entry.indexOf('/');
        String ip = slash < 0 ? entry : entry.substring(0, slash);
        Optional<InetAddress> address = literal(ip);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (prefix < 0 || prefix > bits) {
                return Optional.empty();
            }
        }
        return Optional.of(new Block(address.get().getAddress(), prefix));
    }

    /** Parses an IP literal without ever doing a DNS lookup; empty for anything else. */
    static Optional<InetAddress> literal(String value) {
        String v = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        boolean ipv6 = v.indexOf(':') >= 0
                && v.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        if (!ipv6 && !IPV4.matcher(v).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(v));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
