package gproxy.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import gproxy.http1.Abort;

/**
 * Notices a client that hangs up while its request waits for the upstream's answer, and aborts that
 * upstream call: without it, a request whose client is gone ran until the upstream answered (an LLM
 * may generate for minutes, and bills for it) and failed only at its first write. Helidon 4.0.5 gives
 * a handler no way to look at its connection before writing, so this reads the kernel's view: while
 * any watched request has waited longer than {@link #GRACE}, a daemon thread reads the TCP tables
 * ({@code /proc/net/tcp}, {@code /proc/net/tcp6}) every {@link #INTERVAL} and aborts the call of
 * each request whose client connection is in CLOSE_WAIT (the client sent its FIN) or CLOSE, or has
 * left the table after having been seen in it (a reset). A connection never found is left alone.
 *
 * <p>Linux only; elsewhere {@link #shared()} is a watch that never aborts. A client that
 * half-closes its side after sending the request is taken for gone, as nginx does.
 */
final class ClientWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ClientWatch.class.getName());
    static final Duration GRACE = Duration.ofSeconds(1);
    static final Duration INTERVAL = Duration.ofMillis(500);
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String CLOSE_WAIT = "08";
    private static final String CLOSE = "07";

    /** One request's watch; closing it stops watching (call it when the answer has begun). */
    interface Watch extends AutoCloseable {
        Watch NONE = () -> { };

        @Override
        void close();
    }

    private static final class Watched implements Watch {
        private final Supplier<SocketAddress> local;
        private final Supplier<SocketAddress> remote;
        private final Abort abort;
        private final long since = System.nanoTime();
        private final ClientWatch owner;
        /** Computed by the scanning thread, the first time the request is due: most never are. */
        private Set<String> keys;
        private boolean seen;

        private Watched(ClientWatch owner, Supplier<SocketAddress> local, Supplier<SocketAddress> remote, Abort abort) {
            this.owner = owner;
            this.local = local;
            this.remote = remote;
            this.abort = abort;
        }

        private Set<String> keys() {
            if (keys == null) {
                keys = resolve(local).flatMap(l -> resolve(remote).map(r -> ClientWatch.keys(l, r))).orElse(Set.of());
            }
            return keys;
        }

        /** An address with an IP, or empty (a closed socket, a Unix socket): such a pair is never found. */
        private static Optional<InetSocketAddress> resolve(Supplier<SocketAddress> address) {
            try {
                return address.get() instanceof InetSocketAddress a && a.getAddress() != null ? Optional.of(a)
                        : Optional.empty();
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        @Override
        public void close() {
            owner.watched.remove(this);
        }
    }

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final List<Path> tables;
    private final Optional<Thread> thread;
    private volatile boolean closed;

    private ClientWatch(List<Path> tables, boolean run) {
        this.tables = tables;
        this.thread = run ? Optional.of(Thread.ofPlatform().daemon().name("gproxy-client-watch").start(this::run))
                : Optional.empty();
    }

    private static final class Shared {
        private static final ClientWatch INSTANCE = start();
    }

    /**
     * The process's watch over the kernel's TCP tables (one thread, whatever the number of gateways
     * in the process), or one that never aborts where there are none.
     */
    static ClientWatch shared() {
        return Shared.INSTANCE;
    }

    private static ClientWatch start() {
        boolean linux = TABLES.stream().anyMatch(Files::isReadable);
        if (!linux) {
            LOG.log(Level.INFO, "no /proc/net/tcp: a client that hangs up before its answer is noticed only when "
                    + "the answer is written");
        }
        return new ClientWatch(TABLES, linux);
    }

    /** For tests: reads {@code tables} instead of the kernel's. */
    static ClientWatch over(List<Path> tables) {
        return new ClientWatch(tables, true);
    }

    /**
     * Watches the connection between {@code local} (the gateway's end) and {@code remote} (the
     * client's); {@code abort} is cut when the client is seen gone. The addresses are asked for only
     * when the request is due for a look: the local one costs a system call, and most never are.
     */
    Watch watch(Supplier<SocketAddress> local, Supplier<SocketAddress> remote, Abort abort) {
        if (thread.isEmpty()) {
            return Watch.NONE;
        }
        Watched w = new Watched(this, local, remote, abort);
        watched.add(w);
        return w;
    }

    @Override
    public void close() {
        closed = true;
        thread.ifPresent(Thread::interrupt);
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(INTERVAL);
                scanOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "reading the TCP tables failed: " + e.getMessage());
            }
        }
    }

    /** One pass: reads the tables if a request has waited past the grace, aborts the gone. */
    void scanOnce() {
        long now = System.nanoTime();
        List<Watched> due = watched.stream().filter(w -> now - w.since >= GRACE.toNanos()).toList();
        if (due.isEmpty()) {
            return;
        }
        Map<String, String> states = new java.util.HashMap<>();
        for (Path table : tables) {
            read(table, states);
        }
        for (Watched w : due) {
            Optional<String> state = w.keys().stream().map(states::get).filter(s -> s != null).findFirst();
            boolean gone = state.map(s -> s.equals(CLOSE_WAIT) || s.equals(CLOSE)).orElse(w.seen);
            w.seen = w.seen || state.isPresent();
            if (gone && watched.remove(w)) {
                LOG.log(Level.DEBUG, "client hung up before its answer: aborting the upstream call");
                w.abort.abort();
            }
        }
    }

    /** {@code local remote → state} of every row: the addresses as the kernel prints them. */
    private static void read(Path table, Map<String, String> states) {
        if (!Files.isReadable(table)) {
            return;
        }
        try (Stream<String> lines = Files.lines(table)) {
            lines.skip(1).forEach(line -> {
                String[] f = line.trim().split("\\s+", 5);
                if (f.length >= 4) {
                    states.put(f[1] + " " + f[2], f[3]);
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.log(Level.DEBUG, "cannot read " + table + ": " + e.getMessage());
        }
    }

    /** How the kernel prints this pair in either table (an IPv4 peer may sit in tcp6 as ::ffff:a.b.c.d). */
    static Set<String> keys(InetSocketAddress local, InetSocketAddress remote) {
        return Set.of(address(local.getAddress(), local.getPort(), false) + " "
                        + address(remote.getAddress(), remote.getPort(), false),
                address(local.getAddress(), local.getPort(), true) + " "
                        + address(remote.getAddress(), remote.getPort(), true));
    }

    /**
     * {@code HEX:PORT} as {@code /proc/net/tcp*} prints it: the address as 32-bit words in host
     * (little-endian) order, the port big-endian, upper case.
     */
    static String address(InetAddress address, int port, boolean six) {
        byte[] bytes = address.getAddress();
        if (six && address instanceof Inet4Address) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        } else if (!six && address instanceof Inet6Address) {
            bytes = mappedIpv4(bytes).orElse(bytes);
        }
        byte[] words = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i += 4) {
            for (int j = 0; j < 4; j++) {
                words[i + j] = bytes[i + 3 - j];
            }
        }
        String hexPort = Integer.toHexString(port).toUpperCase(java.util.Locale.ROOT);
        return HexFormat.of().withUpperCase().formatHex(words) + ":" + "0".repeat(4 - hexPort.length()) + hexPort;
    }

    private static Optional<byte[]> mappedIpv4(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return Optional.empty();
            }
        }
        if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) {
            return Optional.empty();
        }
        return Optional.of(java.util.Arrays.copyOfRange(v6, 12, 16));
    }
}
