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
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import io.jipc.interop.InteropResults.Case;
import io.jipc.interop.InteropResults.Direction;
import io.jipc.testing.EventRecorder;
import io.jipc.testing.EventRecorder.Event;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * The gate's "Java server ⇄ Node client" rows over the stream transports: a jipc {@link IpcServer}
 * (profile guarded, the default) and node-ipc clients in one long-lived {@code peer.mjs} per
 * library and transport.
 */
@ParameterizedClass(name = "{0}, {1}")
@MethodSource("cells")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(InteropResults.class)
class JavaServerNodeClientTest implements InteropResults.Row {
  private static final Map<String, Object> ONCE = config("maxRetries", 0);

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
    return Direction.JAVA_SERVER;
  }

  @Test
  @Case(SHAPES)
  void sevenShapesPipelinedEachWayArriveInOrder() throws Exception {
    EventRecorder events = new EventRecorder();
    try (IpcServer server = startServer(wiring.javaServer(), events)) {
      IpcSocket socket = connect("p", server, events, ONCE);
      node.send("cmd", "shapes", "name", "p");
      Checks.shapesReceived(events, "server", lib);
      for (int i = 0; i < Shapes.COUNT; i++) {
        assertThat(socket.emit("shape." + i, Shapes.value(i))).isTrue();
      }
      Checks.shapesPrinted(node.nextMsgs("p", Shapes.COUNT));
      leave("p", events);
    }
    if (lib == Lib.V10) {
      InteropResults.note(Checks.V10_FALSY);
    }
  }

  @Test
  @Case(BROADCAST)
  void broadcastReachesEveryNodeClient() throws Exception {
    EventRecorder events = new EventRecorder();
    try (IpcServer server = startServer(wiring.javaServer(), events)) {
      List<String> clients = List.of("b1", "b2", "b3");
      for (String name : clients) {
        connect(name, server, events, ONCE);
      }
      assertThat(server.broadcast("news", obj("n", 1L, "text", "to all"))).isEqualTo(3);
      assertThat(server.broadcast("shape.4", Shapes.value(4))).isEqualTo(3);
      for (String name : clients) {
        assertThat(node.expectMsg(name, "news").get("data"))
            .isEqualTo(obj("n", 1L, "text", "to all"));
        assertThat(node.expectMsg(name, "shape.4").get("ok")).isEqualTo(true);
      }
      for (String name : clients) {
        leave(name, events);
      }
    }
  }

  @Test
  @Case(FINISH)
  void finishThenCleanHalfCloseStartedByEitherSide() throws Exception {
    EventRecorder events = new EventRecorder();
    IpcConfig.Builder config = wiring.javaServer();
    try (IpcServer server = startServer(config, events)) {
      server.on("finish", (data, socket) -> socket.emit("finished", data));
      // The Node client finishes and half-closes; the Java server answers its end with its own.
      connect("f1", server, events, ONCE);
      for (long n = 1; n <= 3; n++) {
        node.send("cmd", "emit", "name", "f1", "type", "work", "data", n);
      }
      node.send("cmd", "emit", "name", "f1", "type", "finish", "data", obj("count", 3L));
      Checks.workThenFinish(events, "server");
      assertThat(node.expectMsg("f1", "finished").get("data")).isEqualTo(obj("count", 3L));
      node.send("cmd", "end", "name", "f1");
      Checks.cleanEnd(node, "f1");
      Checks.cleanDisconnect(events, "server", "socket.disconnected");

      // The Java server finishes and closes; the Node client answers the end with its own.
      IpcSocket socket = connect("f2", server, events, ONCE);
      for (long n = 1; n <= 3; n++) {
        socket.emit("work", n);
      }
      socket.emit("finish", obj("count", 3L));
      Checks.workThenFinishPrinted(node, "f2");
      node.send("cmd", "emit", "name", "f2", "type", "finished", "data", obj("count", 3L));
      assertThat(events.next("server", "finished").data()).isEqualTo(Map.of("count", 3L));
      socket.close();
      Checks.cleanEnd(node, "f2");
      Checks.cleanDisconnect(events, "server", "socket.disconnected");
    }
  }

  @Test
  @Case(FAULTS)
  void faultsAfterFinishAreRejectedAndTheServerGoesOn() throws Exception {
    EventRecorder events = new EventRecorder();
    IpcConfig.Builder config = wiring.javaServer().messageTimeout(Checks.PARTIAL_TIMEOUT);
    try (IpcServer server = startServer(config, events)) {
      Set<IpcSocket> finished = ConcurrentHashMap.newKeySet();
      server.on(
          "finish",
          (data, socket) -> {
            finished.add(socket);
            socket.emit("finished", data);
          });
      server.on("*", (type, data, socket) -> Checks.guardFinished(finished, type, socket));
      int n = 0;
      for (Fault fault : Fault.values()) {
        String name = "x" + n++;
        connect(name, server, events, ONCE);
        node.send("cmd", "emit", "name", name, "type", "finish", "data", obj("count", 0L));
        events.next("server", "finish");
        node.expectMsg(name, "finished");
        node.send("cmd", "write", "name", name, "hex", fault.hex());
        fault.assertRejected(events, "server", "socket.disconnected");
        node.expect(name, "destroy");
        assertThat(node.held(name)).noneMatch(e -> "msg".equals(e.get("ev")));
      }
      connect("x-after", server, events, ONCE);
      node.send("cmd", "shapes", "name", "x-after");
      Checks.shapesReceived(events, "server", lib);
      leave("x-after", events);
    }
  }

  @Test
  @Case(SYNC)
  void syncNodeClientWaitsForEachAnswer() throws Exception {
    EventRecorder events = new EventRecorder();
    BlockingQueue<String> order = new LinkedBlockingQueue<>();
    try (IpcServer server = startServer(wiring.javaServer(), events)) {
      server.on(
          "req",
          (data, socket) -> {
            order.add("req " + data);
            // Answer late: a client that did not wait would have sent the next request by then.
            Checks.later(() -> order.add("res " + data), () -> socket.emit("res", data));
          });
      connect("s", server, events, config("maxRetries", 0, "sync", true));
      for (long n = 1; n <= 4; n++) {
        node.send("cmd", "emit", "name", "s", "type", "req", "data", n);
      }
      for (long n = 1; n <= 4; n++) {
        assertThat(node.expectMsg("s", "res").get("data")).isEqualTo(n);
      }
      for (long n = 1; n <= 4; n++) {
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("req " + n);
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("res " + n);
      }
      leave("s", events);
    }
  }

  @Test
  @Case(RAW)
  void rawBytesBothWays() throws Exception {
    EventRecorder events = new EventRecorder();
    try (IpcServer server = startServer(wiring.javaServer().rawBuffer(true), events)) {
      IpcSocket socket = connect("r", server, events, config("maxRetries", 0, "rawBuffer", true));
      node.send("cmd", "emit", "name", "r", "hex", Checks.hex(Checks.ALL_BYTES));
      assertThat(Checks.rawReceived(events, "server", Checks.ALL_BYTES.length))
          .isEqualTo(Checks.ALL_BYTES);
      assertThat(socket.emit(Checks.ALL_BYTES_DOWN)).isTrue();
      Checks.rawPrinted(node, "r", Checks.ALL_BYTES_DOWN, lib);
      leave("r", events);
    }
  }

  @Test
  @Case(RECONNECT)
  void nodeClientReconnectsToRestartedJavaServer() throws Exception {
    EventRecorder events = new EventRecorder();
    Endpoint bound;
    try (IpcServer first = startServer(wiring.javaServer(), events)) {
      first.on("ping", (data, socket) -> socket.emit("pong", data));
      connect("rc", first, events, config("retry", 100));
      node.send("cmd", "emit", "name", "rc", "type", "ping", "data", 1L);
      assertThat(node.expectMsg("rc", "pong").get("data")).isEqualTo(1L);
      bound = first.endpoint();
    }
    node.expect("rc", "disconnect");
    events.skipTo("server", "socket.disconnected");
    try (IpcServer second = IpcServer.create(bound, wiring.javaServer().build())) {
      events.record(second, "second");
      second.on("ping", (data, socket) -> socket.emit("pong", data));
      second.start();
      events.skipTo("second", "connect");
      node.expect("rc", "connect");
      node.send("cmd", "emit", "name", "rc", "type", "ping", "data", 2L);
      assertThat(node.expectMsg("rc", "pong").get("data")).isEqualTo(2L);
      node.send("cmd", "disconnect", "name", "rc");
      events.skipTo("second", "socket.disconnected");
    }
  }

  private IpcServer startServer(IpcConfig.Builder config, EventRecorder events) throws IOException {
    IpcServer server = IpcServer.create(wiring.javaServerEndpoint(), config.build());
    events.record(server, "server");
    server.start();
    events.next("server", "start");
    return server;
  }

  /** Connects Node client {@code name}; returns the Java server's socket for it. */
  private IpcSocket connect(
      String name, IpcServer server, EventRecorder events, Map<String, Object> config) {
    node.send(wiring.nodeConnect(name, server.endpoint(), config));
    node.expect(name, "connect");
    IpcSocket socket = events.next("server", "connect").socket();
    if (net == Net.MTLS) {
      assertThat(socket.peerCertificates()).isNotEmpty();
      assertThat(socket.peerCertificates().get(0).getSubjectX500Principal().getName())
          .isEqualTo("CN=jipc test client");
    }
    return socket;
  }

  /** Disconnects Node client {@code name} and waits until the Java server saw it go. */
  private void leave(String name, EventRecorder events) {
    node.send("cmd", "disconnect", "name", name);
    Event gone = events.skipTo("server", "socket.disconnected");
    assertThat(gone.socket()).isNotNull();
    events.next("server", "close");
  }
}
