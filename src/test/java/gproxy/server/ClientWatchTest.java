package gproxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import gproxy.http1.Abort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientWatchTest {
    private static final InetSocketAddress GATEWAY = new InetSocketAddress(loopback(), 8787);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(loopback(), 40001);

    @TempDir
    Path dir;

    @Test
    void addressesArePrintedAsTheKernelPrintsThemInTcpAndAsIpv4MappedInTcp6() throws Exception {
        assertThat(ClientWatch.address(InetAddress.getByName("127.0.0.1"), 8787, false)).isEqualTo("0100007F:2253");
        assertThat(ClientWatch.address(InetAddress.getByName("10.1.2.3"), 443, false)).isEqualTo("0302010A:01BB");
        assertThat(ClientWatch.address(InetAddress.getByName("127.0.0.1"), 8787, true))
                .isEqualTo("0000000000000000FFFF00000100007F:2253");
        assertThat(ClientWatch.address(InetAddress.getByName("::1"), 80, true))
                .isEqualTo("00000000000000000000000001000000:0050");
    }

    @Test
    void aRealLoopbackConnectionIsFoundInTheKernelsTableUnderItsKey() throws Exception {
        List<Path> tables = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
        assumeTrue(Files.isReadable(tables.getFirst()), "Linux only");
        try (ServerSocket server = new ServerSocket(0, 1, loopback());
             Socket client = new Socket(loopback(), server.getLocalPort());
             Socket accepted = server.accept()) {
            var keys = ClientWatch.keys((InetSocketAddress) accepted.getLocalSocketAddress(),
                    (InetSocketAddress) accepted.getRemoteSocketAddress());
            String rows = String.join("\n", Stream.concat(Files.readAllLines(tables.get(0)).stream(),
                    Files.readAllLines(tables.get(1)).stream()).toList());
            assertThat(keys).anySatisfy(key -> assertThat(rows).contains(key + " 01"));
        }
    }

    @Test
    void aClientInCloseWaitIsAbortedOnceItHasWaitedPastTheGrace() throws Exception {
        Path table = table("08");
        try (ClientWatch watch = ClientWatch.over(List.of(table))) {
            Abort abort = new Abort();
            watch.watch(() -> GATEWAY, () -> CLIENT, abort);

            watch.scanOnce();
            assertThat(abort.aborted()).as("within the grace nothing is read").isFalse();
            Thread.sleep(ClientWatch.GRACE.toMillis() + 50);
            watch.scanOnce();
            assertThat(abort.aborted()).isTrue();
        }
    }

    @Test
    void anEstablishedClientIsLeftAloneAndOneThatLeavesTheTableAfterwardsIsAborted() throws Exception {
        Path table = table("01");
        try (ClientWatch watch = ClientWatch.over(List.of(table))) {
            Abort abort = new Abort();
            watch.watch(() -> GATEWAY, () -> CLIENT, abort);
            Thread.sleep(ClientWatch.GRACE.toMillis() + 50);

            watch.scanOnce();
            assertThat(abort.aborted()).isFalse();
            Files.writeString(table, HEADER); // reset: the row is gone
            watch.scanOnce();
            assertThat(abort.aborted()).isTrue();
        }
    }

    @Test
    void aConnectionNeverFoundInTheTableIsNeverAborted() throws Exception {
        Path table = dir.resolve("tcp");
        Files.writeString(table, HEADER);
        try (ClientWatch watch = ClientWatch.over(List.of(table))) {
            Abort abort = new Abort();
            watch.watch(() -> GATEWAY, () -> CLIENT, abort);
            Thread.sleep(ClientWatch.GRACE.toMillis() + 50);
            watch.scanOnce();
            watch.scanOnce();
            assertThat(abort.aborted()).isFalse();
        }
    }

    @Test
    void theAddressesAreAskedForOnlyOnceARequestIsDueAndOneThatCannotBeHadIsLeftAlone() throws Exception {
        Path table = table("08");
        try (ClientWatch watch = ClientWatch.over(List.of(table))) {
            java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
            Abort abort = new Abort();
            watch.watch(() -> {
                asked.incrementAndGet();
                throw new java.io.UncheckedIOException(new java.io.IOException("socket closed"));
            }, () -> CLIENT, abort);

            watch.scanOnce();
            assertThat(asked).as("within the grace").hasValue(0);
            Thread.sleep(ClientWatch.GRACE.toMillis() + 50);
            watch.scanOnce();
            watch.scanOnce();
            assertThat(asked).as("asked once, remembered").hasValue(1);
            assertThat(abort.aborted()).isFalse();
        }
    }

    @Test
    void aClosedWatchIsNoLongerAborted() throws Exception {
        Path table = table("08");
        try (ClientWatch watch = ClientWatch.over(List.of(table))) {
            Abort abort = new Abort();
            watch.watch(() -> GATEWAY, () -> CLIENT, abort).close();
            Thread.sleep(ClientWatch.GRACE.toMillis() + 50);
            watch.scanOnce();
            assertThat(abort.aborted()).isFalse();
        }
    }

    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n";

    private Path table(String state) throws Exception {
        Path table = dir.resolve("tcp");
        Files.writeString(table, HEADER
                + "   0: 0100007F:2253 0100007F:9C41 " + state + " 00000000:00000000 00:00000000 00000000     0        0 1 1\n"
                + "   1: 0100007F:2253 0100007F:9C42 01 00000000:00000000 00:00000000 00000000     0        0 2 1\n");
        return table;
    }

    private static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }
}
