package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.NodePeer;
import io.jipc.testing.TempEndpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * node-ipc's README hello/world against the real node-ipc@14.0.0 on Node 22: a Java server with a
 * Node client and a Node server with a Java client, over Unix sockets and TCP. The full interop
 * matrix lives in jipc-interop; this is the core's smoke test.
 */
class NodeIpcSmokeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final TempEndpoints endpoints = new TempEndpoints();

  @AfterEach
  void cleanUp() {
    endpoints.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"unix", "tcp"})
  void nodeClientGetsAnswerFromJavaServer(String transport) throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    Ipc ipc = new Ipc();
    ipc.config()
        .id("world")
        .retry(Duration.ofMillis(1500))
        .socketRoot(endpoints.dir())
        .silent(true);
    Runnable onStart =
        () -> {
          ipc.server()
              .on(
                  "message",
                  (data, socket) -> {
                    seen.add("message " + data);
                    ipc.server().emit(socket, "message", data + " world!");
                  });
          ipc.server().on("socket.disconnected", (id, socket) -> seen.add("disconnected " + id));
        };
    if (transport.equals("unix")) {
      ipc.serve(onStart);
    } else {
      ipc.serveNet("127.0.0.1", 0, onStart);
    }
    ipc.server().start();
    String where =
        transport.equals("unix")
            ? endpoints.dir().toString()
            : Integer.toString(((Endpoint.Tcp) ipc.server().endpoint()).port());
    try (NodePeer node = NodePeer.start("hello-world-client.mjs", transport, where)) {
      node.awaitLine("\"connect\"", WAIT);
      assertThat(node.awaitLine("\"message\"", WAIT))
          .isEqualTo("{\"event\":\"message\",\"data\":\"hello world!\"}");
      assertThat(node.awaitExit(WAIT)).isZero();
      assertThat(seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("message hello");
      assertThat(seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("disconnected 1");
    } finally {
      ipc.server().close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"unix", "tcp"})
  void javaClientGetsAnswerFromNodeServer(String transport) throws Exception {
    String where =
        transport.equals("unix") ? endpoints.dir().toString() : Integer.toString(freePort());
    try (NodePeer node = NodePeer.start("hello-world-server.mjs", transport, where)) {
      node.awaitLine("\"start\"", WAIT);
      BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
      Ipc ipc = new Ipc();
      ipc.config()
          .id("hello")
          .retry(Duration.ofMillis(1500))
          .socketRoot(endpoints.dir())
          .silent(true);
      Runnable talk =
          () -> {
            ipc.of("world").on("connect", () -> ipc.of("world").emit("message", "hello"));
            ipc.of("world").on("message", replies::add);
          };
      if (transport.equals("unix")) {
        ipc.connectTo("world", talk);
      } else {
        ipc.connectToNet("world", "127.0.0.1", Integer.parseInt(where), talk);
      }
      try {
        assertThat(replies.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("hello world!");
        assertThat(node.awaitLine("\"message\"", WAIT))
            .isEqualTo("{\"event\":\"message\",\"data\":\"hello\"}");
      } finally {
        ipc.disconnect("world");
      }
      node.awaitLine("socket.disconnected", WAIT);
      assertThat(node.awaitExit(WAIT)).isZero();
    }
  }

  /** A free loopback port: node-ipc's serveNet treats port 0 as "use networkPort". */
  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}
