package io.jipc.interop;

import static io.jipc.interop.InteropResults.Column.BROADCAST;
import static io.jipc.interop.InteropResults.Column.FAULTS;
import static io.jipc.interop.InteropResults.Column.FINISH;
import static io.jipc.interop.InteropResults.Column.RAW;
import static io.jipc.interop.InteropResults.Column.RECONNECT;
import static io.jipc.interop.InteropResults.Column.SHAPES;
import static io.jipc.interop.InteropResults.Column.SYNC;
import static io.jipc.interop.NodeIpcPeer.obj;
import static io.jipc.interop.Wiring.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.interop.InteropResults.Case;
import io.jipc.interop.InteropResults.Direction;
import io.jipc.testing.EventRecorder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

/**
 * The gate's "Node server ⇄ Java client" rows over the stream transports: node-ipc servers in one
 * long-lived {@code peer.mjs} per library and transport (a second, killable one for the restart)
 * and jipc {@link IpcClient}s (profile guarded, the default).
 */
@ParameterizedClass(name = "{0}, {1}")
@MethodSource("cells")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(InteropResults.class)
class NodeServerJavaClientTest implements InteropResults.Row {
  @Parameter(0)
  Lib lib;

  @Parameter(1)
  Net net;

  private NodeIpcPeer node;
  private Wiring wiring;
  private String noNode;

  static Stream<Arguments> cells() {
    return Stream.of(Lib.values())
        .flatMap(lib -> Net.streams().stream().map(net -> Arguments.of(lib, net)));
  }

  @BeforeParameterizedClassInvocation
  void startNode(Lib lib, Net net) throws IOException {
    try {
      node = NodeIpcPeer.start(lib);
    } catch (TestAbortedException e) { // -Djipc.skipNode=true without npm: each test says so
      noNode = e.getMessage().replaceFirst("^Assumption failed: ", "");
      return;
    }
    wiring = new Wiring(net);
  }

  @BeforeEach
  void requireNode() {
    Assumptions.assumeTrue(noNode == null, noNode);
  }

  @AfterParameterizedClassInvocation
  void stopNode() throws Exception {
    if (node != null) { // null when the Node runtime was skipped
      node.close();
      wiring.close();
    }
  }

  @Override
  public Lib lib() {
    return lib;
  }

  @Override
  public Net net() {
    return net;
  }

  @Override
  public Direction direction() {
    return Direction.NODE_SERVER;
  }

  @Test
  @Case(SHAPES)
  void sevenShapesPipelinedEachWayArriveInOrder() throws Exception {
    Endpoint at = serve(node, "P", config());
    EventRecorder events = new EventRecorder();
    try (IpcClient client = connect(at, wiring.javaClient().maxRetries(0), events, "client")) {
      Object sock = accepted("P");
      node.send("cmd", "shapes", "name", "P", "sock", sock);
      Checks.shapesReceived(events, "client", lib);
      for (int i = 0; i < Shapes.COUNT; i++) {
        assertThat(client.emit("shape." + i, Shapes.value(i))).isTrue();
      }
      Checks.shapesPrinted(node.nextMsgs("P", Shapes.COUNT));
    }
    node.expect("P", "socket.disconnected");
    node.send("cmd", "stop", "name", "P");
    if (lib == Lib.V10) {
      InteropResults.note(Checks.V10_FALSY);
    }
  }

  @Test
  @Case(BROADCAST)
  void broadcastReachesEveryJavaClient() throws Exception {
    Endpoint at = serve(node, "B", config());
    List<IpcClient> clients = new ArrayList<>();
    List<EventRecorder> events = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        events.add(new EventRecorder());
        clients.add(connect(at, wiring.javaClient().maxRetries(0), events.get(i), "c" + i));
        accepted("B");
      }
      node.send("cmd", "broadcast", "name", "B", "type", "news", "data", obj("n", 1L));
      node.send("cmd", "broadcast", "name", "B", "type", "shape.4", "data", Shapes.value(4));
      for (int i = 0; i < 3; i++) {
        assertThat(events.get(i).next("c" + i, "news").data()).isEqualTo(Map.of("n", 1L));
        assertThat(events.get(i).next("c" + i, "shape.4").data()).isEqualTo(Shapes.value(4));
      }
    } finally {
      clients.forEach(IpcClient::close);
    }
    node.send("cmd", "stop", "name", "B");
  }

  @Test
  @Case(FINISH)
  void finishThenCleanHalfCloseStartedByEitherSide() throws Exception {
    Endpoint at = serve(node, "F", config());
    // The Java client finishes and closes; the Node server answers the end with its own.
    EventRecorder events = new EventRecorder();
    try (IpcClient client = connect(at, wiring.javaClient().maxRetries(0), events, "client")) {
      Object sock = accepted("F");
      for (long n = 1; n <= 3; n++) {
        client.emit("work", n);
      }
      client.emit("finish", obj("count", 3L));
      Checks.workThenFinishPrinted(node, "F");
      node.send(
          "cmd", "emit", "name", "F", "sock", sock, "type", "finished", "data", obj("count", 3L));
      assertThat(events.next("client", "finished").data()).isEqualTo(Map.of("count", 3L));
    }
    Checks.cleanDisconnect(events, "client", "disconnect");
    Checks.cleanEnd(node, "F");

    // The Node server finishes and half-closes; the Java client answers the end with its own.
    EventRecorder second = new EventRecorder();
    try (IpcClient client = connect(at, wiring.javaClient().maxRetries(0), second, "client")) {
      client.on("finish", data -> client.emit("finished", data));
      Object sock = accepted("F");
      for (long n = 1; n <= 3; n++) {
        node.send("cmd", "emit", "name", "F", "sock", sock, "type", "work", "data", n);
      }
      node.send(
          "cmd", "emit", "name", "F", "sock", sock, "type", "finish", "data", obj("count", 3L));
      Checks.workThenFinish(second, "client");
      assertThat(node.expectMsg("F", "finished").get("data")).isEqualTo(obj("count", 3L));
      node.send("cmd", "end", "name", "F", "sock", sock);
      Checks.cleanDisconnect(second, "client", "disconnect");
      Checks.cleanEnd(node, "F");
    }
    node.send("cmd", "stop", "name", "F");
  }

  @Test
  @Case(FAULTS)
  void faultsAfterFinishAreRejectedAndEndOnlyThatClient() throws Exception {
    Endpoint at = serve(node, "X", config());
    for (Fault fault : Fault.values()) {
      EventRecorder events = new EventRecorder();
      IpcConfig.Builder config =
          wiring.javaClient().maxRetries(0).messageTimeout(Checks.PARTIAL_TIMEOUT);
      try (IpcClient client = connect(at, config, events, "client")) {
        AtomicBoolean finished = new AtomicBoolean();
        client.on("finished", () -> finished.set(true));
        client.on(
            "*",
            (type, data) -> {
              if (finished.get() && !type.equals("finished") && !Checks.LIFECYCLE.contains(type)) {
                client.close(); // the finish guard
              }
            });
        Object sock = accepted("X");
        client.emit("finish", obj("count", 0L));
        node.expectMsg("X", "finish");
        node.send("cmd", "emit", "name", "X", "sock", sock, "type", "finished", "data", 0L);
        events.next("client", "finished");
        node.send("cmd", "write", "name", "X", "sock", sock, "hex", fault.hex());
        fault.assertRejected(events, "client", "disconnect");
        events.assertNoEventWithin(Duration.ofMillis(50));
        assertThat(client.isConnected()).isFalse();
      }
      node.expect("X", "socket.disconnected");
    }
    node.send("cmd", "stop", "name", "X");
  }

  @Test
  @Case(SYNC)
  void syncJavaClientSendsOneRequestPerAnswer() throws Exception {
    Endpoint at = serve(node, "Y", config());
    EventRecorder events = new EventRecorder();
    try (IpcClient client =
        connect(at, wiring.javaClient().maxRetries(0).sync(true), events, "client")) {
      Object sock = accepted("Y");
      for (long n = 1; n <= 4; n++) {
        assertThat(client.emit("req", n)).isTrue();
      }
      for (long n = 1; n <= 4; n++) {
        assertThat(node.expectMsg("Y", "req").get("data")).isEqualTo(n);
        node.assertNoEvent(
            e -> "Y".equals(e.get("name")) && "req".equals(e.get("type")),
            Duration.ofMillis(100),
            "a request before the answer to request " + n);
        node.send("cmd", "emit", "name", "Y", "sock", sock, "type", "res", "data", n);
        assertThat(events.next("client", "res").data()).isEqualTo(n);
      }
    }
    node.send("cmd", "stop", "name", "Y");
  }

  @Test
  @Case(RAW)
  void rawBytesBothWays() throws Exception {
    Endpoint at = serve(node, "R", config("rawBuffer", true));
    EventRecorder events = new EventRecorder();
    IpcConfig.Builder config = wiring.javaClient().maxRetries(0).rawBuffer(true);
    try (IpcClient client = connect(at, config, events, "client")) {
      Object sock = accepted("R");
      assertThat(client.emit(Checks.ALL_BYTES)).isTrue();
      Checks.rawPrinted(node, "R", Checks.ALL_BYTES, lib);
      node.send("cmd", "emit", "name", "R", "sock", sock, "hex", Checks.hex(Checks.ALL_BYTES_DOWN));
      assertThat(Checks.rawReceived(events, "client", 256)).isEqualTo(Checks.ALL_BYTES_DOWN);
    }
    node.send("cmd", "stop", "name", "R");
  }

  @Test
  @Case(RECONNECT)
  void javaClientReconnectsToRestartedNodeServer() throws Exception {
    Endpoint at = wiring.nodeServerEndpoint();
    EventRecorder events = new EventRecorder();
    IpcConfig.Builder config = wiring.javaClient().retry(Duration.ofMillis(100));
    try (NodeIpcPeer first = NodeIpcPeer.start(lib)) {
      serve(first, "RS", at, config());
      try (IpcClient client = connect(at, config, events, "client")) {
        pingPong(first, client, events, 1);
        first.kill();
        events.skipTo("client", "disconnect");
        try (NodeIpcPeer second = NodeIpcPeer.start(lib)) {
          serve(second, "RS", at, config());
          events.skipTo("client", "connect");
          pingPong(second, client, events, 2);
        }
      }
    }
  }

  /**
   * Waits for Node server {@code name} to accept a Java client; returns the socket's index. Over
   * TLS the client is authorized exactly when it had to present a certificate (mutual auth).
   */
  private Object accepted(String name) {
    Map<String, Object> connect = node.expect(name, "connect");
    if (net.tls()) {
      assertThat(connect.get("authorized"))
          .as("client certificate verified")
          .isEqualTo(net == Net.MTLS);
    }
    return connect.get("sock");
  }

  private void pingPong(NodeIpcPeer peer, IpcClient client, EventRecorder events, long n) {
    Object sock = peer.expect("RS", "connect").get("sock");
    assertThat(client.emit("ping", n)).isTrue();
    assertThat(peer.expectMsg("RS", "ping").get("data")).isEqualTo(n);
    peer.send("cmd", "emit", "name", "RS", "sock", sock, "type", "pong", "data", n);
    assertThat(events.next("client", "pong").data()).isEqualTo(n);
  }

  /** Makes {@code peer} serve endpoint {@code name} at a fresh address; returns the address. */
  private Endpoint serve(NodeIpcPeer peer, String name, Map<String, Object> config) {
    Endpoint at = wiring.nodeServerEndpoint();
    serve(peer, name, at, config);
    return at;
  }

  private void serve(NodeIpcPeer peer, String name, Endpoint at, Map<String, Object> config) {
    peer.send(wiring.nodeServe(name, at, config));
    peer.expect(name, "start");
  }

  /** Connects a Java client, recorded as {@code source}, and consumes its connect event. */
  private static IpcClient connect(
      Endpoint at, IpcConfig.Builder config, EventRecorder events, String source) throws Exception {
    IpcClient client = IpcClient.create(at, config.build());
    events.record(client, source);
    client.connect().get(NodeIpcPeer.WAIT.toSeconds(), TimeUnit.SECONDS);
    events.next(source, "connect");
    return client;
  }
}
