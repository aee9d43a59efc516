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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jipc's flight-recorder events, recorded by a real {@link Recording}: connect, disconnect, a
 * protocol error, a backpressure close, a slow handler and a request timeout, each with its fields,
 * read back from the dumped file.
 */
class FlightEventsTest {
  private static final long WAIT = 10;
  private final TempEndpoints endpoints = new TempEndpoints();
  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  @TempDir Path dir;

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
        .logger(line -> {});
  }

  private static Recording recording() {
    Recording recording = new Recording();
    for (String name :
        List.of(
            "Connect",
            "Disconnect",
            "ProtocolError",
            "BackpressureClose",
            "SlowHandler",
            "RequestTimeout")) {
      recording.enable("io.jipc." + name);
    }
    recording.start();
    return recording;
  }

  private List<RecordedEvent> stop(Recording recording, String name) throws Exception {
    recording.stop();
    Path file = dir.resolve(name + ".jfr");
    recording.dump(file);
    recording.close();
    return RecordingFile.readAllEvents(file);
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    return events.stream()
        .filter(e -> e.getEventType().getName().equals("io.jipc." + name))
        .collect(Collectors.toList());
  }

  @Test
  void connectAndDisconnectAreRecordedWithWhatTheConnectionCarried() throws Exception {
    Recording recording = recording();
    IpcServer server = closeLater(IpcServer.create(endpoints.unix(), config().build()));
    CountDownLatch gone = new CountDownLatch(1);
    CountDownLatch heard = new CountDownLatch(1);
    server.on("hello", heard::countDown);
    server.on("socket.disconnected", gone::countDown);
    server.start();
    IpcClient client = IpcClient.create(server.endpoint(), config().build());
    client.connect().get(WAIT, TimeUnit.SECONDS);
    client.emit("hello", 1);
    assertThat(heard.await(WAIT, TimeUnit.SECONDS)).isTrue();
    client.close();
    assertThat(gone.await(WAIT, TimeUnit.SECONDS)).isTrue();
    List<RecordedEvent> events = stop(recording, "connect");

    List<RecordedEvent> connects = named(events, "Connect");
    assertThat(connects).hasSize(2); // the server's socket and the client
    assertThat(connects.stream().map(e -> e.getString("connection")))
        .anySatisfy(c -> assertThat(c).isEqualTo("socket 1 on " + server.endpoint()))
        .anySatisfy(c -> assertThat(c).isEqualTo(server.endpoint().toString()));
    List<RecordedEvent> disconnects = named(events, "Disconnect");
    assertThat(disconnects).hasSize(2);
    RecordedEvent socket =
        disconnects.stream()
            .filter(e -> e.getString("connection").startsWith("socket 1 on "))
            .findFirst()
            .orElseThrow();
    int frame = "{\"type\":\"hello\",\"data\":1}\f".length();
    assertThat(socket.getLong("framesIn")).isEqualTo(1);
    assertThat(socket.getLong("bytesIn")).isEqualTo(frame);
    assertThat(socket.getString("failure")).isNull();
    assertThat(socket.getString("code")).isNull();
  }

  @Test
  void aProtocolErrorIsRecordedWithItsCodeAndTheFailedDisconnect() throws Exception {
    Recording recording = recording();
    IpcServer server = closeLater(IpcServer.create(endpoints.unix(), config().build()));
    CountDownLatch gone = new CountDownLatch(1);
    server.on("error", (data, socket) -> {});
    server.on("socket.disconnected", gone::countDown);
    server.start();
    Path path = ((Endpoint.Unix) server.endpoint()).path();
    try (SocketChannel peer = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      peer.write(ByteBuffer.wrap("not json\f".getBytes(StandardCharsets.UTF_8)));
      assertThat(gone.await(WAIT, TimeUnit.SECONDS)).isTrue();
    }
    List<RecordedEvent> events = stop(recording, "protocol");

    List<RecordedEvent> errors = named(events, "ProtocolError");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).getString("code")).isEqualTo(IpcProtocolException.INVALID_JSON);
    assertThat(errors.get(0).getString("endpoint")).isEqualTo("server " + server.endpoint());
    assertThat(errors.get(0).getString("socket")).contains("socket 1 on " + server.endpoint());
    assertThat(errors.get(0).getString("message")).isNotEmpty();
    List<RecordedEvent> disconnects = named(events, "Disconnect");
    assertThat(disconnects).hasSize(1);
    assertThat(disconnects.get(0).getString("code")).isEqualTo(IpcProtocolException.INVALID_JSON);
  }

  @Test
  void aBackpressureCloseIsRecordedWithTheNumbers() throws Exception {
    Recording recording = recording();
    int max = 64 * 1024;
    IpcServer server =
        closeLater(IpcServer.create(endpoints.unix(), config().maxPendingBytes(max).build()));
    CompletableFuture<IpcSocket> connected = new CompletableFuture<>();
    server.on("connect", (data, socket) -> connected.complete(socket));
    server.on("error", (data, socket) -> {});
    server.start();
    Path path = ((Endpoint.Unix) server.endpoint()).path();
    try (SocketChannel peer = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      IpcSocket socket = connected.get(WAIT, TimeUnit.SECONDS);
      String kilobyte = "x".repeat(1024);
      boolean refused = false;
      for (int i = 0; i < 100_000 && !refused; i++) {
        refused = !socket.emit("fill", kilobyte); // the peer never reads
      }
      assertThat(refused).isTrue();
      assertThat(socket.stats().errors().total()).isLessThanOrEqualTo(1);
    }
    List<RecordedEvent> events = stop(recording, "backpressure");

    List<RecordedEvent> closes = named(events, "BackpressureClose");
    assertThat(closes).hasSize(1);
    RecordedEvent close = closes.get(0);
    assertThat(close.getString("connection")).isEqualTo("socket 1 on " + server.endpoint());
    assertThat(close.getLong("maxPendingBytes")).isEqualTo(max);
    long frame = "{\"type\":\"fill\",\"data\":\"\"}\f".length() + 1024;
    assertThat(close.getLong("offeredBytes")).isEqualTo(frame);
    assertThat(close.getLong("queuedBytes") + frame).isGreaterThan(max);
  }

  @Test
  void aSlowHandlerIsRecordedWhileItHoldsTheLoop() throws Exception {
    Recording recording = recording();
    CountDownLatch reported = new CountDownLatch(1);
    IpcServer server =
        closeLater(
            IpcServer.create(
                endpoints.unix(),
                config()
                    .logger(
                        line -> {
                          if (line.contains("has held I/O loop")) {
                            reported.countDown();
                          }
                        })
                    .build()));
    CountDownLatch done = new CountDownLatch(1);
    server.on(
        "slow",
        () -> {
          try {
            // Holds the loop until the watchdog has seen it (and recorded it), at most 10 s.
            reported.await(WAIT, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          done.countDown();
        });
    server.start();
    IpcClient client = closeLater(IpcClient.create(server.endpoint(), config().build()));
    client.connect().get(WAIT, TimeUnit.SECONDS);
    client.emit("slow");
    assertThat(done.await(2 * WAIT, TimeUnit.SECONDS)).isTrue();
    assertThat(reported.getCount()).isZero();
    List<RecordedEvent> events = stop(recording, "slow");

    List<RecordedEvent> slow = named(events, "SlowHandler");
    assertThat(slow).hasSize(1);
    RecordedEvent event = slow.get(0);
    assertThat(event.getString("eventType")).isEqualTo("slow");
    assertThat(event.getString("endpoint")).isEqualTo("server " + server.endpoint());
    assertThat(event.getString("loop")).startsWith("jipc-loop-");
    assertThat(event.getDuration("held")).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    assertThat(event.getString("where")).contains("FlightEventsTest");
  }

  @Test
  void aRequestTimeoutIsRecordedWithItsTypeAndTimes() throws Exception {
    Recording recording = recording();
    IpcServer server = closeLater(IpcServer.create(endpoints.unix(), config().build()));
    server.onRequest("never", (data, socket) -> new CompletableFuture<>());
    server.start();
    IpcClient client = closeLater(IpcClient.create(server.endpoint(), config().build()));
    client.connect().get(WAIT, TimeUnit.SECONDS);
    CompletableFuture<Object> late = client.request("never", 1, Duration.ofMillis(50));
    assertThat(late).failsWithin(Duration.ofSeconds(WAIT));
    List<RecordedEvent> events = stop(recording, "timeout");

    List<RecordedEvent> timeouts = named(events, "RequestTimeout");
    assertThat(timeouts).hasSize(1);
    RecordedEvent timeout = timeouts.get(0);
    assertThat(timeout.getString("requestType")).isEqualTo("never");
    assertThat(timeout.getString("peer")).isEqualTo(server.endpoint().toString());
    assertThat(timeout.getLong("requestId")).isEqualTo(1);
    assertThat(timeout.getDuration("timeout")).isEqualTo(Duration.ofMillis(50));
    assertThat(timeout.getDuration("waited")).isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }
}
