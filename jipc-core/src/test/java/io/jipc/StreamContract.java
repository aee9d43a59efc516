package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.ScriptedPeer;
import io.jipc.testing.TempEndpoints;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The base of every stream contract suite: each subclass runs once per {@link StreamTransport}.
 * Holds the endpoints, one recorder for the server under test ({@code "server"} events), and closes
 * everything a test opened, newest first.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(StreamTransport.class)
abstract class StreamContract {
  /** How long "nothing happens" is watched; used sparingly. */
  static final Duration QUIET = Duration.ofMillis(300);

  @Parameter StreamTransport transport;

  /**
   * The transport of the suite invocation that runs now, for the static sources of a suite's
   * parameterized cases (suites run one at a time; nothing runs in parallel).
   */
  private static volatile StreamTransport running;

  @BeforeParameterizedClassInvocation
  static void runOn(StreamTransport transport) {
    running = transport;
  }

  /**
   * Returns whether a case under {@code profile} runs on the running transport: the assured profile
   * refuses plain TCP (node-ipc 14 does too; see TlsContractTest), so a suite's sources leave its
   * assured cases out over TCP instead of generating them to skip them. Surefire merges the cases
   * of the three invocations by name, and a skip next to a pass of the same name vanished from its
   * totals.
   */
  static boolean runsOnThisTransport(Profile profile) {
    return !(running == StreamTransport.TCP && profile == Profile.ASSURED);
  }

  final TempEndpoints endpoints = new TempEndpoints();
  final EventRecorder serverEvents = new EventRecorder();
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /**
   * A connected client, its own recorder ({@code "client"} events) and its socket on the server.
   */
  record Client(IpcClient ipc, EventRecorder events, IpcSocket socket) {}

  /** A scripted raw peer connected to the server, and its socket on the server. */
  record Peer(ScriptedPeer raw, IpcSocket socket) {}

  /**
   * A config for this transport with quick retries, a short close grace period, and the private
   * endpoint directory as socket root (the assured profile wants Unix sockets right inside it).
   */
  IpcConfig.Builder config() {
    return transport.configure(
        IpcConfig.builder()
            .socketRoot(endpoints.dir())
            .retry(ms(50))
            .closeTimeout(ms(500))
            .connectTimeout(ms(3000)));
  }

  IpcConfig.Builder config(Profile profile) {
    return config().profile(profile);
  }

  /**
   * Builds {@code config}. The assured profile refuses plain TCP, so a case asking for it over TCP
   * is skipped there (sources leave such cases out: {@link #runsOnThisTransport}).
   */
  IpcConfig build(IpcConfig.Builder config) {
    IpcConfig built = config.build();
    Assumptions.assumeFalse(
        transport == StreamTransport.TCP && built.profile() == Profile.ASSURED,
        "the assured profile refuses plain TCP");
    return built;
  }

  /** Starts a server on a fresh endpoint and consumes its {@code start} event. */
  IpcServer startServer(IpcConfig.Builder config) throws IOException {
    return startServer(transport.fresh(endpoints), config);
  }

  /** Starts a server on {@code endpoint} and consumes its {@code start} event. */
  IpcServer startServer(Endpoint endpoint, IpcConfig.Builder config) throws IOException {
    IpcServer server = closeLater(IpcServer.create(endpoint, build(config)));
    serverEvents.record(server, "server");
    server.start();
    serverEvents.next("server", "start");
    return server;
  }

  /** Creates a client recorded by {@code events}; it is not connected yet. */
  IpcClient newClient(Endpoint endpoint, IpcConfig.Builder config, EventRecorder events) {
    IpcClient client = closeLater(IpcClient.create(endpoint, build(config)));
    events.record(client, "client");
    return client;
  }

  /** Connects a client and consumes the {@code connect} events on both sides. */
  Client connectClient(IpcServer server, IpcConfig.Builder config) throws Exception {
    EventRecorder events = new EventRecorder();
    IpcClient client = newClient(server.endpoint(), config, events);
    client.connect().get(5, TimeUnit.SECONDS);
    events.next("client", "connect");
    IpcSocket socket = serverEvents.next("server", "connect").socket();
    assertThat(socket).isNotNull();
    return new Client(client, events, socket);
  }

  /** Connects a scripted raw peer and consumes the server's {@code connect} event. */
  Peer connectPeer(IpcServer server) throws IOException {
    ScriptedPeer raw = closeLater(transport.connectPeer(server.endpoint()));
    IpcSocket socket = serverEvents.next("server", "connect").socket();
    assertThat(socket).isNotNull();
    return new Peer(raw, socket);
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
    endpoints.close();
    if (first != null) {
      throw first;
    }
  }

  /** Asserts that {@code event} carries an {@link IpcProtocolException} with {@code code}. */
  static IpcProtocolException protocolError(EventRecorder.Event event, String code) {
    assertThat(event.data()).as("error data of %s", event).isInstanceOf(IpcProtocolException.class);
    IpcProtocolException error = (IpcProtocolException) event.data();
    assertThat(error.code()).as("code of %s", error).isEqualTo(code);
    return error;
  }

  /**
   * Asserts the server's close of {@code socket} after a violation: {@code error} with {@code
   * code}, then {@code socket.disconnected} with its id, then {@code close}.
   */
  IpcProtocolException assertClosedWith(IpcSocket socket, String code) {
    EventRecorder.Event error = serverEvents.next("server", "error");
    assertThat(error.socket()).as("socket of %s", error).isNotNull();
    assertThat(error.socket().id()).isEqualTo(socket.id());
    IpcProtocolException exception = protocolError(error, code);
    assertSocketGone(socket);
    return exception;
  }

  /**
   * Asserts {@code socket.disconnected} (data: the id) and then {@code close} for {@code socket}.
   */
  void assertSocketGone(IpcSocket socket) {
    EventRecorder.Event gone = serverEvents.next("server", "socket.disconnected");
    assertThat(gone.data()).isEqualTo(socket.id());
    assertThat(gone.socket().id()).isEqualTo(socket.id());
    EventRecorder.Event close = serverEvents.next("server", "close");
    assertThat(close.socket().id()).isEqualTo(socket.id());
  }

  /** Asserts that {@code client} still talks both ways with the server. */
  void assertStillWorks(Client client) {
    assertThat(client.ipc().emit("ping", "still here")).isTrue();
    EventRecorder.Event ping = serverEvents.next("server", "ping");
    assertThat(ping.data()).isEqualTo("still here");
    assertThat(ping.socket().id()).isEqualTo(client.socket().id());
    assertThat(client.socket().emit("pong", "yes")).isTrue();
    assertThat(client.events().next("client", "pong").data()).isEqualTo("yes");
  }

  static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
