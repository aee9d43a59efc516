package io.jipc.bench;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures what an idle connection costs a jipc server in Java heap: N raw Unix-socket peers
 * connect and each sends one event that the server answers (so every socket has read, decoded,
 * dispatched and written once, and is idle again), then the heap in use after full GCs is compared
 * with the same process holding N plain accepted socket pairs and no jipc. The difference per
 * connection is jipc's own footprint, the JDK's {@code SocketChannel} included.
 *
 * <pre>
 * java -cp jipc-bench.jar io.jipc.bench.IdleFootprint [--n 5000]
 * </pre>
 *
 * <p>Prints one line per measurement on stdout. Both sides live in one process, so N is bounded by
 * half the file-descriptor limit; the Unix sockets are in a private temporary directory.
 */
public final class IdleFootprint {
  private static final Set<String> OPTIONS = Set.of("n");

  private IdleFootprint() {}

  /** Runs the measurement; see the class comment. */
  public static void main(String[] argv) throws Exception {
    int n = (int) Args.parse(argv, OPTIONS).number("n", 5000, 1);
    Path dir = Files.createTempDirectory("jipc-idle");
    try {
      measure(1, () -> jipcPeers(dir.resolve("warm.sock"), 1)); // the loop and its buffers: once
      long plain = measure(n, () -> plainPairs(dir.resolve("plain.sock"), n));
      long jipc = measure(n, () -> jipcPeers(dir.resolve("jipc.sock"), n));
      System.out.printf(
          "idle connections: %d; heap per plain accepted socket pair %d B; per jipc connection"
              + " (server side, beyond the plain pair) %d B%n",
          n, plain / n, (jipc - plain) / n);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Something that opens N connections and returns what to close afterwards. */
  private interface Setup {
    List<AutoCloseable> open() throws Exception;
  }

  /** Returns the heap in use with {@code setup}'s connections open, minus the heap before. */
  private static long measure(int n, Setup setup) throws Exception {
    long before = heapAfterGc();
    List<AutoCloseable> open = setup.open();
    long with = heapAfterGc();
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    return with - before;
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** N client channels and the N channels a plain server accepted for them. */
  private static List<AutoCloseable> plainPairs(Path path, int n) throws IOException {
    List<AutoCloseable> open = new ArrayList<>();
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path), n);
    open.add(server);
    for (int i = 0; i < n; i++) {
      open.add(SocketChannel.open(UnixDomainSocketAddress.of(path)));
      open.add(server.accept());
    }
    return open;
  }

  /** N client channels connected to a jipc server, each answered once and idle again. */
  private static List<AutoCloseable> jipcPeers(Path path, int n) throws Exception {
    List<AutoCloseable> open = new ArrayList<>();
    IpcConfig config = IpcConfig.builder().silent(true).maxConnections(n + 1).build();
    IpcServer server = IpcServer.create(Endpoint.unix(path), config);
    CountDownLatch answered = new CountDownLatch(n);
    server.on(
        "hello",
        (data, socket) -> {
          socket.emit("hi");
          answered.countDown();
        });
    server.start();
    open.add(server);
    ByteBuffer hello =
        ByteBuffer.wrap("{\"type\":\"hello\",\"data\":{}}\f".getBytes(StandardCharsets.US_ASCII));
    List<SocketChannel> peers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SocketChannel peer = SocketChannel.open(UnixDomainSocketAddress.of(path));
      hello.rewind();
      peer.write(hello);
      peers.add(peer);
      open.add(peer);
    }
    if (!answered.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException(answered.getCount() + " of " + n + " peers unanswered");
    }
    ByteBuffer hi = ByteBuffer.allocate(64);
    for (SocketChannel peer : peers) {
      hi.clear();
      peer.read(hi); // the answer reached it: the server's queue for it is empty again
    }
    return open;
  }
}
