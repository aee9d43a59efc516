package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.ScriptedPeer;
import io.jipc.testing.TempEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unix socket peer credentials: kernel-verified user and group on every accepted socket, and the
 * {@code allowedPeerUsers}/{@code allowedPeerGroups} policy that refuses peers before they connect.
 */
class PeerCredentialsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String NOBODY = "no-such-user-xyz";

  private final TempEndpoints endpoints = new TempEndpoints();
  private final EventRecorder events = new EventRecorder();
  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  private PeerCredentials me;

  /** This process's user and primary group, as a file it creates shows them. */
  @BeforeEach
  void whoAmI() throws IOException {
    Path file = Files.createFile(endpoints.dir().resolve("mine"));
    PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
    me = new PeerCredentials(attributes.owner().getName(), attributes.group().getName());
  }

  @AfterEach
  void cleanUp() throws Exception {
    while (!open.isEmpty()) {
      open.pop().close();
    }
    endpoints.close();
  }

  private IpcConfig.Builder config() {
    return IpcConfig.builder()
        .socketRoot(endpoints.dir())
        .retry(Duration.ofMillis(50))
        .maxRetries(0)
        .closeTimeout(Duration.ofMillis(500));
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    open.push(resource);
    return resource;
  }

  private IpcServer startServer(Endpoint endpoint, IpcConfig.Builder config) throws IOException {
    IpcServer server = closeLater(IpcServer.create(endpoint, config.build()));
    events.record(server, "server");
    server.start();
    events.next("server", "start");
    return server;
  }

  /** Connects a client and returns its socket on the server. */
  private IpcSocket connectClient(IpcServer server) throws Exception {
    IpcClient client = closeLater(IpcClient.create(server.endpoint(), config().build()));
    client.connect().get(5, TimeUnit.SECONDS);
    return events.next("server", "connect").socket();
  }

  @Test
  void unixSocketReportsThisProcessUserAndGroup() throws Exception {
    IpcServer server = startServer(endpoints.unix(), config());
    IpcSocket socket = connectClient(server);
    assertThat(socket.peerCredentials()).contains(me);
    events.assertExhausted();
  }

  @Test
  void tcpSocketReportsNoCredentials() throws Exception {
    IpcServer server = startServer(endpoints.tcp(), config());
    IpcSocket socket = connectClient(server);
    assertThat(socket.peerCredentials()).isEmpty();
  }

  @Test
  void allowedPeerUsersHoldingThisUserAdmits() throws Exception {
    IpcServer server = startServer(endpoints.unix(), config().allowedPeerUsers("x", me.user()));
    server.on("ping", (data, socket) -> socket.emit("pong", data));
    ScriptedPeer peer = closeLater(ScriptedPeer.connect(server.endpoint()));
    IpcSocket socket = events.next("server", "connect").socket();
    assertThat(socket.peerCredentials()).contains(me);
    peer.send("{\"type\":\"ping\",\"data\":\"hi\"}\f");
    assertThat(events.next("server", "ping").data()).isEqualTo("hi");
    assertThat(peer.readFrame(WAIT)).isEqualTo("{\"type\":\"pong\",\"data\":\"hi\"}");
  }

  @Test
  void allowedPeerGroupsHoldingThisGroupAdmitsWhateverTheUser() throws Exception {
    IpcServer server =
        startServer(
            endpoints.unix(), config().allowedPeerUsers(NOBODY).allowedPeerGroups(me.group()));
    IpcSocket socket = connectClient(server);
    assertThat(socket.peerCredentials()).contains(me);
    assertThat(server.sockets()).hasSize(1);
  }

  @Test
  void refusedPeerIsClosedUnreadWithoutConnectAndTheServerGoesOn() throws Exception {
    Endpoint endpoint = endpoints.unix();
    IpcServer server = startServer(endpoint, config().allowedPeerUsers(NOBODY));
    ScriptedPeer first = closeLater(ScriptedPeer.connect(endpoint));
    sendIfStillOpen(first, "{\"type\":\"hello\",\"data\":1}\f");
    EventRecorder.Event error = events.next("server", "error");
    assertThat(error.socket()).isNull();
    assertThat(error.data()).isInstanceOf(IOException.class);
    assertThat(((IOException) error.data()).getMessage())
        .contains(endpoint.toString(), me.user(), me.group(), "allowedPeerUsers", NOBODY);
    assertThat(first.readToEof(WAIT)).isEmpty();

    // A second refusal within the second is not reported at once: a refused local user cannot
    // flood the handlers. It is closed unread all the same, and reported when the second is over.
    ScriptedPeer second = closeLater(ScriptedPeer.connect(endpoint));
    sendIfStillOpen(second, "{\"type\":\"hello\",\"data\":2}\f");
    assertThat(second.readToEof(WAIT)).isEmpty();
    events.assertNoEventWithin(Duration.ofMillis(300));
    assertThat(server.sockets()).isEmpty();
    EventRecorder.Event later = events.next("server", "error");
    assertThat(((IOException) later.data()).getMessage()).contains("allowedPeerUsers", NOBODY);
  }

  /** Sends unless the server already closed the peer, which is what a refusal does. */
  private static void sendIfStillOpen(ScriptedPeer peer, String frame) {
    try {
      peer.send(frame);
    } catch (IOException e) {
      assertThat(e).hasMessageContaining("pipe"); // the refusal won the race: nothing to send to
    }
  }

  static Stream<Arguments> nonUnixEndpoints() {
    UnaryOperator<IpcConfig.Builder> plain = b -> b;
    return Stream.of(
        Arguments.of("tcp", Endpoint.tcp("127.0.0.1", 0), plain),
        Arguments.of(
            "tls",
            Endpoint.tcp("127.0.0.1", 0),
            (UnaryOperator<IpcConfig.Builder>) StreamTransport.TLS::configure),
        Arguments.of("udp", Endpoint.udp4("127.0.0.1", 0), plain));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonUnixEndpoints")
  void peerPolicyOnANonUnixServerFailsStart(
      String name, Endpoint endpoint, UnaryOperator<IpcConfig.Builder> transport) {
    for (IpcConfig.Builder policy :
        List.of(config().allowedPeerUsers(me.user()), config().allowedPeerGroups(me.group()))) {
      IpcServer server = closeLater(IpcServer.create(endpoint, transport.apply(policy).build()));
      events.record(server, "server");
      assertThatThrownBy(server::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("allowedPeerUsers")
          .hasMessageContaining("allowedPeerGroups")
          .hasMessageContaining("Unix sockets only");
    }
    events.assertExhausted();
  }

  @Test
  void policyDefaultsToAnyone() {
    assertThat(IpcConfig.defaults().admission().users()).isEmpty();
    assertThat(IpcConfig.defaults().admission().groups()).isEmpty();
  }

  @Test
  void policySettersRefuseNullAndEmptyNamesNamingTheOption() {
    IpcConfig.Builder builder = IpcConfig.builder();
    assertThatThrownBy(() -> builder.allowedPeerUsers("alice", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allowedPeerUsers");
    assertThatThrownBy(() -> builder.allowedPeerGroups(Arrays.asList("staff", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allowedPeerGroups");
    assertThatThrownBy(() -> builder.allowedPeerUsers((List<String>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("allowedPeerUsers");
    assertThatThrownBy(() -> builder.allowedPeerGroups((String[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("allowedPeerGroups");
    assertThat(builder.build()).usingRecursiveComparison().isEqualTo(IpcConfig.defaults());
  }

  @Test
  void policyIsCopiedAndImmutable() {
    List<String> users = new ArrayList<>(List.of("alice", "bob"));
    IpcConfig.Builder builder = IpcConfig.builder().allowedPeerUsers(users).allowedPeerGroups("g");
    IpcConfig config = builder.build();
    users.add("mallory");
    builder.allowedPeerUsers("carol");
    assertThat(config.admission().users()).containsExactlyInAnyOrder("alice", "bob");
    assertThat(config.admission().groups()).containsExactly("g");
    assertThatThrownBy(() -> config.admission().users().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    IpcConfig copy = config.toBuilder().build();
    assertThat(copy).usingRecursiveComparison().isEqualTo(config);
    assertThat(copy.admission().users()).containsExactlyInAnyOrder("alice", "bob");
    assertThat(copy.admission().groups()).containsExactly("g");
  }

  @Test
  void peerCredentialsRefuseNull() {
    assertThatThrownBy(() -> new PeerCredentials(null, "g"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("user");
    assertThatThrownBy(() -> new PeerCredentials("u", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("group");
  }
}
