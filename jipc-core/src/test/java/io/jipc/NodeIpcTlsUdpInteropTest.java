package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.EventRecorder.Event;
import io.jipc.testing.NodePeer;
import io.jipc.testing.NodeRuntime;
import io.jipc.testing.TestPki;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS, mutual TLS and UDP against the real node-ipc@14.0.0 on Node 22, each with Java in both
 * roles: a Java endpoint and one of our scripts in {@code src/test/node} ({@code tls-client.mjs},
 * {@code tls-server.mjs}, {@code udp-peer.mjs}), which print what they receive as JSON lines.
 *
 * <p>Payloads carry text outside ASCII (accents, CJK, an emoji with a skin-tone modifier, so
 * surrogate pairs) and a quote and a backslash, so both codecs and both escapers see them. The text
 * reaches Node as an ASCII-only JSON argument: the JVM encodes arguments with the platform charset,
 * which may not be UTF-8.
 */
class NodeIpcTlsUdpInteropTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String TEXT = "Grüße, 世界! 👋🏽 \"quoted\" back\\slash";
  private static final String SUFFIX = " world! 🌍";
  private static final int COUNT = 5;

  private static TestPki pki;

  @BeforeAll
  static void installNodeAndPki() {
    NodeRuntime.get(); // aborts the class under -Djipc.skipNode=true when npm is missing
    pki = TestPki.shared();
  }

  @Test
  void nodeClientVerifiesJavaTlsServerAndGetsAnswer() throws Exception {
    EventRecorder events = new EventRecorder();
    try (IpcServer server = startTlsServer(pki.server().tls().build(), events)) {
      Event connect = nodeClientExchange(server, events, false);
      assertThat(connect.socket().peerCertificates()).isEmpty();
    }
  }

  @Test
  void javaClientVerifiesNodeTlsServerAndGetsAnswer() throws Exception {
    TlsOptions tls = TlsOptions.builder().trustedConnections(pki.caFile()).build();
    String nodeConnect = "{\"event\":\"connect\",\"authorized\":false,\"peer\":null}";
    javaClientExchange(tls, false, nodeConnect);
  }

  @Test
  void javaMutualTlsServerSeesNodeClientCertificate() throws Exception {
    EventRecorder events = new EventRecorder();
    try (IpcServer server = startTlsServer(pki.serverOptions(), events)) {
      Event connect = nodeClientExchange(server, events, true);
      assertThat(subjects(connect.socket().peerCertificates())).startsWith("CN=jipc test client");
    }
  }

  @Test
  void nodeMutualTlsServerAcceptsJavaClientCertificate() throws Exception {
    String nodeConnect =
        "{\"event\":\"connect\",\"authorized\":true,\"peer\":\"jipc test client\"}";
    javaClientExchange(pki.clientOptions(), true, nodeConnect);
  }

  @Test
  void javaMutualTlsServerRefusesNodeClientWithoutCertificateThenServesNext() throws Exception {
    EventRecorder events = new EventRecorder();
    try (IpcServer server = startTlsServer(pki.serverOptions(), events)) {
      try (NodePeer node = startTlsClient(server, false)) {
        node.awaitLine("\"disconnect\"", WAIT);
        assertThat(node.awaitLine("\"destroy\"", WAIT))
            .isEqualTo("{\"event\":\"destroy\",\"replies\":0}");
        assertThat(node.awaitExit(WAIT)).isZero();
      }
      Event refused = events.next("server", "error");
      assertThat(refused.socket()).isNull();
      assertThat((Throwable) refused.data()).hasMessageContaining("handshake");

      Event connect = nodeClientExchange(server, events, true);
      assertThat(subjects(connect.socket().peerCertificates())).startsWith("CN=jipc test client");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp4", "udp6"})
  void javaUdpServerAnswersNodePeerAtItsAddress(String type) throws Exception {
    String host = loopback(type);
    EventRecorder events = new EventRecorder();
    try (UdpEndpoint server = UdpEndpoint.create(udp(type, host, 0), quiet().build())) {
      events.record(server, "server");
      server.on("message", (data, socket) -> socket.emit("message", answer(data)));
      server.start();
      int port = ((Endpoint.Udp) server.endpoint()).port();
      int nodePort = freeUdpPort(host);
      String[] args = {type, host, str(nodePort), "ask", str(port), str(COUNT), asciiJson(TEXT)};
      try (NodePeer node = NodePeer.start("udp-peer.mjs", args)) {
        node.awaitLine("\"ready\"", WAIT);
        for (int n = 1; n <= COUNT; n++) {
          assertThat(node.awaitLine("\"message\"", WAIT)).isEqualTo(udpLine(n, TEXT + SUFFIX));
        }
        assertThat(node.awaitExit(WAIT)).isZero();
      }
      assertMessagesInOrder(events, nodePort, TEXT);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp4", "udp6"})
  void nodeUdpServerAnswersJavaEndpointEmittingToIt(String type) throws Exception {
    String host = loopback(type);
    int nodePort = freeUdpPort(host);
    try (NodePeer node = NodePeer.start("udp-peer.mjs", type, host, str(nodePort), "answer")) {
      node.awaitLine("\"ready\"", WAIT);
      EventRecorder events = new EventRecorder();
      try (UdpEndpoint server = UdpEndpoint.create(udp(type, host, 0), quiet().build())) {
        events.record(server, "server");
        server.start();
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(host), nodePort);
        for (int n = 1; n <= COUNT; n++) {
          assertThat(server.emit(to, "message", message("n", n, "text", TEXT))).isTrue();
        }
        for (int n = 1; n <= COUNT; n++) {
          assertThat(node.awaitLine("\"message\"", WAIT)).isEqualTo(udpLine(n, TEXT));
        }
        assertMessagesInOrder(events, nodePort, TEXT + SUFFIX);
        assertThat(server.emit(to, "bye", "bye")).isTrue();
        assertThat(node.awaitLine("\"bye\"", WAIT))
            .isEqualTo("{\"event\":\"bye\",\"data\":\"bye\"}");
        assertThat(node.awaitExit(WAIT)).isZero();
      }
    }
  }

  /** A started TLS server on 127.0.0.1 that answers each 'message' {from, text}. */
  private static IpcServer startTlsServer(TlsOptions tls, EventRecorder events) throws IOException {
    IpcServer server = IpcServer.create(Endpoint.tcp("127.0.0.1", 0), quiet().tls(tls).build());
    events.record(server, "server");
    server.on("message", (data, socket) -> socket.emit("message", answer(data)));
    server.start();
    events.next("server", "start");
    return server;
  }

  private static NodePeer startTlsClient(IpcServer server, boolean withCert) throws IOException {
    String port = str(((Endpoint.Tcp) server.endpoint()).port());
    String ca = pki.caFile().toString();
    if (!withCert) {
      return NodePeer.start("tls-client.mjs", port, ca, asciiJson(TEXT));
    }
    TestPki.Identity client = pki.client();
    return NodePeer.start(
        "tls-client.mjs",
        port,
        ca,
        asciiJson(TEXT),
        client.certFile().toString(),
        client.keyFile().toString());
  }

  /**
   * Runs tls-client.mjs against {@code server}: the message and the answer cross, the client
   * leaves. Returns the server's {@code connect} event.
   */
  private static Event nodeClientExchange(IpcServer server, EventRecorder events, boolean withCert)
      throws Exception {
    try (NodePeer node = startTlsClient(server, withCert)) {
      node.awaitLine("\"connect\"", WAIT);
      assertThat(node.awaitLine("\"message\"", WAIT)).isEqualTo(messageLine("java", TEXT + SUFFIX));
      assertThat(node.awaitExit(WAIT)).isZero();
    }
    Event connect = events.next("server", "connect");
    Event message = events.next("server", "message");
    assertThat(message.data()).isEqualTo(Map.of("from", "node", "text", TEXT));
    assertThat(message.socket()).isSameAs(connect.socket());
    events.skipTo("server", "socket.disconnected");
    return connect;
  }

  /**
   * Runs tls-server.mjs (requiring client certificates if {@code mutual}) and a Java client with
   * {@code tls}: the message and the answer cross, the client leaves, Node exits.
   */
  private static void javaClientExchange(TlsOptions tls, boolean mutual, String nodeConnect)
      throws Exception {
    int port = freeTcpPort();
    TestPki.Identity server = pki.server();
    String key = server.keyFile().toString();
    String cert = server.certFile().toString();
    try (NodePeer node =
        mutual
            ? NodePeer.start("tls-server.mjs", str(port), key, cert, pki.caFile().toString())
            : NodePeer.start("tls-server.mjs", str(port), key, cert)) {
      node.awaitLine("\"ready\"", WAIT);
      EventRecorder events = new EventRecorder();
      Endpoint endpoint = Endpoint.tcp("127.0.0.1", port);
      try (IpcClient client = IpcClient.create(endpoint, quiet().tls(tls).build())) {
        events.record(client, "client");
        client.on("connect", () -> client.emit("message", message("from", "java", "text", TEXT)));
        client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        events.next("client", "connect");
        assertThat(events.next("client", "message").data())
            .isEqualTo(Map.of("from", "node", "text", TEXT + SUFFIX));
        assertThat(subjects(client.peerCertificates())).startsWith("CN=jipc test server");
        assertThat(node.awaitLine("\"connect\"", WAIT)).isEqualTo(nodeConnect);
        assertThat(node.awaitLine("\"message\"", WAIT)).isEqualTo(messageLine("java", TEXT));
      }
      node.awaitLine("\"socket.disconnected\"", WAIT);
      assertThat(node.awaitExit(WAIT)).isZero();
    }
  }

  /** Checks the next COUNT 'message' events: n = 1, 2, … with {@code text}, all from nodePort. */
  private static void assertMessagesInOrder(EventRecorder events, int nodePort, String text) {
    for (int n = 1; n <= COUNT; n++) {
      Event event = n == 1 ? events.skipTo("server", "message") : events.next("server", "message");
      Map<?, ?> data = (Map<?, ?>) event.data();
      assertThat(((Number) data.get("n")).intValue()).as("n of message %s", n).isEqualTo(n);
      assertThat(data.get("text")).isEqualTo(text);
      InetSocketAddress from = (InetSocketAddress) event.socket().remoteAddress();
      assertThat(from.getPort()).isEqualTo(nodePort);
    }
  }

  /** Answers a 'message': the same members, with SUFFIX after the text and Java as sender. */
  private static Map<String, Object> answer(Object data) {
    Map<String, Object> answer = new LinkedHashMap<>();
    ((Map<?, ?>) data).forEach((key, value) -> answer.put((String) key, value));
    answer.computeIfPresent("from", (key, from) -> "java");
    answer.put("text", answer.get("text") + SUFFIX);
    return answer;
  }

  /** An object with two members in this order (node prints members in insertion order). */
  private static Map<String, Object> message(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put(k1, v1);
    message.put(k2, v2);
    return message;
  }

  private static String messageLine(String from, String text) {
    return "{\"event\":\"message\",\"data\":{\"from\":\""
        + from
        + "\",\"text\":"
        + printed(text)
        + "}}";
  }

  private static String udpLine(int n, String text) {
    return "{\"event\":\"message\",\"data\":{\"n\":" + n + ",\"text\":" + printed(text) + "}}";
  }

  /** JSON.stringify of a string without control characters or lone surrogates. */
  private static String printed(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** A JSON string in ASCII only: other characters, quote and backslash as unicode escapes. */
  private static String asciiJson(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      boolean plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
      json.append(plain ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return json.append('"').toString();
  }

  private static List<String> subjects(List<X509Certificate> chain) {
    return chain.stream().map(c -> c.getSubjectX500Principal().getName()).toList();
  }

  private static IpcConfig.Builder quiet() {
    return IpcConfig.builder().silent(true);
  }

  private static Endpoint.Udp udp(String type, String host, int port) {
    return type.equals("udp4") ? Endpoint.udp4(host, port) : Endpoint.udp6(host, port);
  }

  /** The loopback address of {@code type}; skips udp6 if this host has no IPv6 loopback. */
  private static String loopback(String type) {
    if (type.equals("udp4")) {
      return "127.0.0.1";
    }
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("::1", 0))) {
      return "::1";
    } catch (SocketException e) {
      return Assumptions.abort("this host has no IPv6 loopback (::1): " + e);
    }
  }

  /** A free TCP port: node-ipc's serveNet treats port 0 as "use networkPort". */
  private static int freeTcpPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /** A free UDP port on {@code host}, for the same reason. */
  private static int freeUdpPort(String host) throws IOException {
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(host, 0))) {
      return probe.getLocalPort();
    }
  }

  private static String str(int value) {
    return Integer.toString(value);
  }
}
