package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.TempEndpoints;
import java.io.IOException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client's connect attempt is bounded by connectTimeout and ended by close(), even on a Unix
 * socket whose listen backlog is full (a blocking connect there waits until someone accepts); and a
 * client closed before it started still fires destroy.
 */
class ClientConnectTest {
  private final TempEndpoints endpoints = new TempEndpoints();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    endpoints.close();
  }

  /** Binds a listener that never accepts, with its backlog filled by pending connections. */
  private Path saturatedListener() throws IOException {
    Path path = endpoints.socketPath();
    ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    listener.bind(UnixDomainSocketAddress.of(path), 1);
    open.add(listener);
    for (int i = 0; i < 64; i++) {
      SocketChannel filler = SocketChannel.open(StandardProtocolFamily.UNIX);
      open.add(filler);
      filler.configureBlocking(false);
      try {
        filler.connect(UnixDomainSocketAddress.of(path));
      } catch (SocketException full) {
        return path; // EAGAIN: the backlog is full, a blocking connect would now wait
      }
    }
    throw new AssertionError("the listen backlog never filled");
  }

  private IpcClient client(Path path, Duration connectTimeout, EventRecorder events) {
    IpcClient client =
        IpcClient.create(
            Endpoint.unix(path),
            IpcConfig.builder()
                .socketRoot(endpoints.dir())
                .connectTimeout(connectTimeout)
                .maxRetries(0)
                .build());
    open.add(client);
    events.record(client, "client");
    return client;
  }

  @Test
  void connectToAServerThatNeverAcceptsFailsAfterConnectTimeout() throws Exception {
    EventRecorder events = new EventRecorder();
    IpcClient client = client(saturatedListener(), Duration.ofMillis(300), events);
    long start = System.nanoTime();
    client.connect();
    Throwable error = (Throwable) events.next("client", "error").data();
    assertThat(error).hasMessageContaining("no answer within connectTimeout (300 ms)");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
    events.next("client", "disconnect");
    events.next("client", "destroy");
    events.assertExhausted();
  }

  @Test
  void closeEndsAConnectInProgressAtOnce() throws Exception {
    EventRecorder events = new EventRecorder();
    IpcClient client = client(saturatedListener(), Duration.ofSeconds(60), events);
    client.connect();
    long start = System.nanoTime();
    client.close();
    events.skipTo("client", "destroy");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
    assertThat(client.connect()).isCompletedExceptionally();
  }

  @Test
  void clientClosedBeforeItStartedFiresDestroyOnce() {
    EventRecorder events = new EventRecorder();
    IpcClient client = client(endpoints.socketPath(), Duration.ofSeconds(1), events);
    client.close();
    client.close();
    events.next("client", "destroy");
    events.assertExhausted();
    assertThat(client.connect()).isCompletedExceptionally();
  }
}
