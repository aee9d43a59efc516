package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.TestPki;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;

/**
 * The base of the TLS suites: live TLS servers and clients on 127.0.0.1 with the shared {@link
 * TestPki}, one recorder for the server under test ({@code "server"} events), and cleanup of
 * everything a test opened, newest first. Unlike {@link StreamContract} it is not parameterized:
 * each test sets the TLS options it is about.
 */
abstract class TlsFixture {
  static final TestPki PKI = TestPki.shared();

  /** How long "nothing happens" is watched; used sparingly. */
  static final Duration QUIET = Duration.ofMillis(300);

  /** The bound on one connect future. */
  static final Duration WAIT = Duration.ofSeconds(10);

  final EventRecorder serverEvents = new EventRecorder();
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /**
   * A connected client, its own recorder ({@code "client"} events) and its socket on the server.
   */
  record Client(IpcClient ipc, EventRecorder events, IpcSocket socket) {}

  /** A config speaking TLS with {@code tls}: quick retries, a short close, a 3 s connect bound. */
  static IpcConfig.Builder config(TlsOptions tls) {
    return IpcConfig.builder()
        .retry(ms(50))
        .closeTimeout(ms(500))
        .connectTimeout(ms(3000))
        .tls(tls);
  }

  /** Server options with the server identity and no CAs: it authenticates itself only. */
  static TlsOptions.Builder serverAuthOnly() {
    return PKI.server().tls();
  }

  /** Client options trusting the test CA, with no key of its own. */
  static TlsOptions.Builder trustingCa() {
    return TlsOptions.builder().trustedConnections(PKI.caFile());
  }

  /** Returns a fresh TCP endpoint on 127.0.0.1 with a system-chosen port. */
  static Endpoint local() {
    return Endpoint.tcp("127.0.0.1", 0);
  }

  /** Starts a server on a fresh endpoint, recorded by {@link #serverEvents}; consumes start. */
  IpcServer startServer(IpcConfig.Builder config) throws IOException {
    IpcServer server = closeLater(IpcServer.create(local(), config.build()));
    serverEvents.record(server, "server");
    server.start();
    serverEvents.next("server", "start");
    return server;
  }

  /** Creates a client recorded by {@code events}; it is not connected yet. */
  IpcClient newClient(Endpoint endpoint, IpcConfig.Builder config, EventRecorder events) {
    IpcClient client = closeLater(IpcClient.create(endpoint, config.build()));
    events.record(client, "client");
    return client;
  }

  /** Connects a client and consumes the {@code connect} events on both sides. */
  Client connectClient(IpcServer server, IpcConfig.Builder config) throws Exception {
    EventRecorder events = new EventRecorder();
    IpcClient client = newClient(server.endpoint(), config, events);
    client.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    events.next("client", "connect");
    IpcSocket socket = serverEvents.next("server", "connect").socket();
    assertThat(socket).isNotNull();
    return new Client(client, events, socket);
  }

  /** Asserts that {@code client} and its server socket still talk both ways. */
  void assertExchanges(Client client) {
    assertThat(client.ipc().emit("ping", "from client")).isTrue();
    EventRecorder.Event ping = serverEvents.next("server", "ping");
    assertThat(ping.data()).isEqualTo("from client");
    assertThat(ping.socket().id()).isEqualTo(client.socket().id());
    assertThat(client.socket().emit("pong", "from server")).isTrue();
    assertThat(client.events().next("client", "pong").data()).isEqualTo("from server");
  }

  /** Connects a client with {@code config} to {@code server} and asserts it exchanges events. */
  Client assertServes(IpcServer server, IpcConfig.Builder config) throws Exception {
    Client client = connectClient(server, config);
    assertExchanges(client);
    return client;
  }

  /**
   * Consumes the server's error for one failed handshake and checks it: no socket (the peer never
   * connected), and a message naming the peer, the endpoint and {@code reason}.
   */
  void assertHandshakeFailedOnServer(IpcServer server, String reason) {
    EventRecorder.Event error = serverEvents.next("server", "error");
    assertThat(error.socket()).as("socket of a failed handshake").isNull();
    assertThat((Throwable) error.data())
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageStartingWith("TLS handshake with /127.0.0.1:")
        .hasMessageContaining(" on " + server.endpoint() + " failed: ")
        .hasMessageContaining(reason);
  }

  /** Returns what {@code future} failed with, failing the test if it succeeds or hangs. */
  static Throwable failureOf(CompletableFuture<?> future) throws InterruptedException {
    return failureOf(future, WAIT);
  }

  /** Returns what {@code future} failed with within {@code timeout}, failing the test if not. */
  static Throwable failureOf(CompletableFuture<?> future, Duration timeout)
      throws InterruptedException {
    try {
      Object value = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("the future neither failed nor completed within " + timeout);
    }
  }

  /** Returns the subject of the leaf (first) certificate of {@code chain}. */
  static String leafSubject(List<X509Certificate> chain) {
    assertThat(chain).as("certificate chain").isNotEmpty();
    return chain.get(0).getSubjectX500Principal().getName();
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

  static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
