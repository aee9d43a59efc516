package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;

/**
 * The base of the UDP suites: one recorder for the server under test ({@code "server"} events), raw
 * {@link DatagramPeer}s on loopback, and cleanup of everything a test opened, newest first.
 */
abstract class UdpContract {
  final EventRecorder serverEvents = new EventRecorder();
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /** A config with a short close wait. */
  static IpcConfig.Builder config() {
    return IpcConfig.builder().closeTimeout(Duration.ofMillis(500));
  }

  /**
   * Starts a udp4 server on a free loopback port and consumes its {@code connect} and {@code
   * start}.
   */
  UdpEndpoint startServer(IpcConfig.Builder config) throws IOException {
    return startServer(Endpoint.udp4("127.0.0.1", 0), config);
  }

  /** Starts a server on {@code endpoint} and consumes its {@code connect} and {@code start}. */
  UdpEndpoint startServer(Endpoint.Udp endpoint, IpcConfig.Builder config) throws IOException {
    UdpEndpoint server = closeLater(UdpEndpoint.create(endpoint, config.build()));
    serverEvents.record(server, "server");
    server.start();
    assertThat(serverEvents.next("server", "connect").socket()).isNull();
    serverEvents.next("server", "start");
    return server;
  }

  /** Opens a raw peer on 127.0.0.1 that talks to {@code server}. */
  DatagramPeer peer(IpcServer server) throws IOException {
    return closeLater(new DatagramPeer(InetAddress.getByName("127.0.0.1"), server));
  }

  /** Opens a raw peer on {@code loopback} that talks to {@code server}. */
  DatagramPeer peer(InetAddress loopback, IpcServer server) throws IOException {
    return closeLater(new DatagramPeer(loopback, server));
  }

  /** Returns the next server event, checking its type and that its socket is {@code peer}. */
  EventRecorder.Event nextFrom(DatagramPeer peer, String type) {
    EventRecorder.Event event = serverEvents.next("server", type);
    assertThat(event.socket()).as("socket of %s", event).isNotNull();
    assertThat(event.socket().remoteAddress()).as("sender of %s", event).isEqualTo(peer.address());
    return event;
  }

  /** Asserts that {@code event} carries an {@link IpcProtocolException} with {@code code}. */
  static IpcProtocolException protocolError(EventRecorder.Event event, String code) {
    assertThat(event.data()).as("error data of %s", event).isInstanceOf(IpcProtocolException.class);
    IpcProtocolException error = (IpcProtocolException) event.data();
    assertThat(error.code()).as("code of %s", error).isEqualTo(code);
    return error;
  }

  /**
   * Waits until {@code condition} holds, checking every millisecond for at most 10 s; for state
   * that changes with time (expiry), not for events, which the recorder waits for.
   */
  static void awaitCondition(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + EventRecorder.TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not true within " + EventRecorder.TIMEOUT + ": " + what);
      }
      LockSupport.parkNanos(1_000_000L);
    }
  }

  /** Closes {@code resource} after the test, before older resources. */
  <T extends AutoCloseable> T closeLater(T resource) {
    resources.push(resource);
    return resource;
  }

  @AfterEach
  void closeEverything() throws Exception {
    Exception first = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
