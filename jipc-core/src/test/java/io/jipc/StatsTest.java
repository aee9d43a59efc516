package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.TempEndpoints;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code stats()} of a server, its sockets and a client: connections, frames and bytes, queued
 * bytes, errors by code, reconnects and requests, counted as the work happens and kept after
 * sockets close.
 */
class StatsTest {
  private static final long WAIT = 10;
  private final TempEndpoints endpoints = new TempEndpoints();
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  @AfterEach
  void closeAll() throws Exception {
    while (!open.isEmpty()) {
      open.pop().close();
    }
    endpoints.close();
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    open.push(resource);
    return resource;
  }

  private IpcConfig.Builder config() {
    return IpcConfig.builder()
        .socketRoot(endpoints.dir())
        .closeTimeout(Duration.ofMillis(500))
        .retry(Duration.ofMillis(20))
        .logger(line -> {});
  }

  @Test
  void aRoundTripIsCountedOnTheServerItsSocketAndTheClient() throws Exception {
    IpcServer server = closeLater(IpcServer.create(endpoints.unix(), config().build()));
    CompletableFuture<IpcSocket> socket = new CompletableFuture<>();
    server.on("ping", (data, s) -> socket.complete(s));
    server.on("ping", (data, s) -> s.emit("pong", data));
    assertThat(server.stats().connections().total()).isZero();
    server.start();
    IpcClient client = closeLater(IpcClient.create(server.endpoint(), config().build()));
    LinkedBlockingQueue<Object> pongs = new LinkedBlockingQueue<>();
    client.on("pong", pongs::add);
    client.connect().get(WAIT, TimeUnit.SECONDS);
    client.emit("ping", "hello");
    assertThat(pongs.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("hello");

    // {"type":"ping","data":"hello"} and its delimiter: 31 bytes each way.
    int frame = "{\"type\":\"ping\",\"data\":\"hello\"}\f".length();
    // The pong's handler ran after the ping was written: the client's counts are complete.
    IpcStats c = client.stats();
    assertThat(c.connections()).isEqualTo(new IpcStats.Connections(1, 1, 0));
    assertThat(c.out()).isEqualTo(new IpcStats.Traffic(1, frame));
    assertThat(c.in()).isEqualTo(new IpcStats.Traffic(1, frame));
    assertThat(c.queuedBytes()).isZero();
    assertThat(c.errors().total()).isZero();

    IpcSocket one = socket.get(WAIT, TimeUnit.SECONDS);
    one.flush().get(WAIT, TimeUnit.SECONDS); // the pong's bytes are with the system: counted
    IpcStats sv = server.stats();
    assertThat(sv.connections()).isEqualTo(new IpcStats.Connections(1, 1, 0));
    assertThat(sv.in()).isEqualTo(new IpcStats.Traffic(1, frame));
    assertThat(sv.out()).isEqualTo(new IpcStats.Traffic(1, frame));
    assertThat(one.stats().in()).isEqualTo(sv.in());
    assertThat(one.stats().connections()).isEqualTo(new IpcStats.Connections(1, 1, 0));
  }

  @Test
  void aClosedSocketsCountsStayInTheServersAndAReconnectIsCounted() throws Exception {
    Path path = endpoints.socketPath();
    Endpoint endpoint = Endpoint.unix(path);
    IpcServer first = IpcServer.create(endpoint, config().build());
    CountDownLatch heard = new CountDownLatch(1);
    first.on("one", heard::countDown);
    first.start();
    IpcClient client = closeLater(IpcClient.create(endpoint, config().build()));
    CountDownLatch connects = new CountDownLatch(2);
    client.on("connect", connects::countDown);
    client.connect().get(WAIT, TimeUnit.SECONDS);
    client.emit("one");
    assertThat(heard.await(WAIT, TimeUnit.SECONDS)).isTrue();
    first.close(); // waits for the socket: its read is over and its counts folded in

    IpcStats closed = first.stats();
    assertThat(closed.connections()).isEqualTo(new IpcStats.Connections(0, 1, 0));
    assertThat(closed.in().frames()).as("the closed socket's frame stays counted").isEqualTo(1);
    assertThat(closed.in().bytes()).isEqualTo("{\"type\":\"one\",\"data\":\"\"}\f".length());

    IpcServer second = closeLater(IpcServer.create(endpoint, config().build()));
    second.start();
    assertThat(connects.await(WAIT, TimeUnit.SECONDS)).as("the client reconnected").isTrue();
    client.emit("two");
    IpcStats c = client.stats(); // frames out are counted when emit queues them
    assertThat(c.connections()).isEqualTo(new IpcStats.Connections(1, 2, 1));
    assertThat(c.out().frames()).as("frames of both connections").isEqualTo(2);
  }

  @Test
  void errorsAreCountedByCodeOnTheServerAndTheSocket() throws Exception {
    IpcServer server = closeLater(IpcServer.create(endpoints.unix(), config().build()));
    LinkedBlockingQueue<IpcSocket> failed = new LinkedBlockingQueue<>();
    server.on("error", (data, socket) -> failed.add(socket));
    server.start();
    Path path = ((Endpoint.Unix) server.endpoint()).path();
    try (SocketChannel peer = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      peer.write(ByteBuffer.wrap("not json\f".getBytes(StandardCharsets.UTF_8)));
      IpcSocket socket = failed.poll(WAIT, TimeUnit.SECONDS);
      assertThat(socket).isNotNull();
      assertThat(socket.stats().errors().count(IpcProtocolException.INVALID_JSON)).isEqualTo(1);
      IpcStats.Errors errors = server.stats().errors();
      assertThat(errors.total()).isEqualTo(1);
      assertThat(errors.byCode()).containsExactly(java.util.Map.entry("ERR_IPC_INVALID_JSON", 1L));
    }
  }

  @Test
  void requestsAreCountedAsAnsweredFailedAndTimedOut() throws Exception {
    IpcServer server = closeLater(IpcServer.create(endpoints.unix(), config().build()));
    server.onRequest("echo", (data, socket) -> data);
    server.onRequest(
        "boom",
        (data, socket) -> {
          throw new IpcRemoteException("ERR_IPC_NO_TEA", "out of tea");
        });
    CompletableFuture<Object> never = new CompletableFuture<>();
    server.onRequest("never", (data, socket) -> never);
    server.on("error", (data, socket) -> {});
    server.start();
    IpcClient client = closeLater(IpcClient.create(server.endpoint(), config().build()));
    client.on("error", data -> {});
    client.connect().get(WAIT, TimeUnit.SECONDS);
    assertThat(client.request("echo", 1).get(WAIT, TimeUnit.SECONDS)).isEqualTo(1L);
    CompletableFuture<Object> boom = client.request("boom", 1);
    CompletableFuture<Object> late = client.request("never", 1, Duration.ofMillis(50));
    CompletableFuture<Object> waiting = client.request("never", 2);
    assertThat(boom).failsWithin(Duration.ofSeconds(WAIT));
    assertThat(late).failsWithin(Duration.ofSeconds(WAIT));

    IpcStats.Requests requests = client.stats().requests();
    assertThat(requests).isEqualTo(new IpcStats.Requests(1, 1, 1, 1));
    client.close();
    assertThat(waiting).failsWithin(Duration.ofSeconds(WAIT));
    assertThat(client.stats().requests()).isEqualTo(new IpcStats.Requests(0, 1, 2, 1));
  }

  @Test
  void queuedBytesShowWhatAPeerThatDoesNotReadHasNotTaken() throws Exception {
    IpcServer server =
        closeLater(IpcServer.create(endpoints.unix(), config().maxPendingBytes(8 << 20).build()));
    CompletableFuture<IpcSocket> connected = new CompletableFuture<>();
    server.on("connect", (data, socket) -> connected.complete(socket));
    server.start();
    Path path = ((Endpoint.Unix) server.endpoint()).path();
    try (SocketChannel peer = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      IpcSocket socket = connected.get(WAIT, TimeUnit.SECONDS);
      String kilobyte = "x".repeat(1024);
      int frames = 2048; // 2 MiB: more than the kernel buffers of a socket nobody reads
      for (int i = 0; i < frames; i++) {
        assertThat(socket.emit("fill", kilobyte)).isTrue();
      }
      IpcStats stats = socket.stats();
      long frame = "{\"type\":\"fill\",\"data\":\"\"}\f".length() + 1024;
      assertThat(stats.out().frames()).isEqualTo(frames);
      assertThat(stats.queuedBytes()).isPositive();
      // Bytes written are read before bytes queued, so a write in between can only lower the sum.
      assertThat(stats.out().bytes() + stats.queuedBytes()).isLessThanOrEqualTo(frames * frame);
      assertThat(server.stats().queuedBytes()).isPositive();
    }
  }

  @Test
  void aUdpServerCountsItsPeersAndDatagrams() throws Exception {
    IpcServer server =
        closeLater(IpcServer.create(Endpoint.udp4("127.0.0.1", 0), config().build()));
    CompletableFuture<IpcSocket> heard = new CompletableFuture<>();
    server.on("hi", (data, socket) -> heard.complete(socket));
    server.start();
    UdpEndpoint sender =
        closeLater(UdpEndpoint.create(Endpoint.udp4("127.0.0.1", 0), config().build()));
    sender.start();
    Endpoint.Udp to = (Endpoint.Udp) server.endpoint();
    assertThat(sender.emit(new java.net.InetSocketAddress("127.0.0.1", to.port()), "hi", 1))
        .isTrue();
    IpcSocket peer = heard.get(WAIT, TimeUnit.SECONDS);
    int frame = "{\"type\":\"hi\",\"data\":1}\f".length();
    assertThat(sender.stats().out()).isEqualTo(new IpcStats.Traffic(1, frame));
    IpcStats stats = server.stats();
    assertThat(stats.connections()).isEqualTo(new IpcStats.Connections(1, 1, 0));
    assertThat(stats.in()).isEqualTo(new IpcStats.Traffic(1, frame));
    assertThat(peer.stats().in()).isEqualTo(new IpcStats.Traffic(1, frame));
  }
}
