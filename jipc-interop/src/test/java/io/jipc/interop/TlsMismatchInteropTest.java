package io.jipc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcProtocolException;
import io.jipc.IpcServer;
import io.jipc.testing.EventRecorder;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jipc against real node-ipc peers when one side speaks TLS and the other does not: the jipc side
 * fails the connection with a message that says so (see docs/PROTOCOL.md, "TLS"). A jipc plain
 * client against node-ipc's TLS server is not here: node-ipc closes without a byte, so there is
 * nothing to tell from.
 */
class TlsMismatchInteropTest {
  private final Wiring plain = new Wiring(Net.TCP);
  private final Wiring tls = new Wiring(Net.TLS);
  private NodeIpcPeer node;
  private IpcServer server;
  private IpcClient client;

  @BeforeEach
  void checkNode() {
    io.jipc.testing.NodeRuntime.get(); // aborts under -Djipc.skipNode=true without npm
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    if (node != null) {
      node.close();
    }
    plain.close();
    tls.close();
  }

  private EventRecorder startJavaServer(Wiring wiring) throws Exception {
    EventRecorder events = new EventRecorder();
    server = IpcServer.create(wiring.javaServerEndpoint(), wiring.javaServer().build());
    events.record(server, "server");
    server.start();
    events.next("server", "start");
    return events;
  }

  @ParameterizedTest
  @EnumSource(Lib.class)
  void javaTlsServerNamesTheFrameOfAPlainNodeClient(Lib lib) throws Exception {
    EventRecorder events = startJavaServer(tls);
    node = NodeIpcPeer.start(lib);
    node.send(plain.nodeConnect("plain", server.endpoint(), Wiring.config("maxRetries", 0)));
    node.expect("plain", "connect"); // TCP connected: a plain client speaks at once
    node.send("cmd", "emit", "name", "plain", "type", "hello", "data", "in the clear");

    Throwable failure = (Throwable) events.skipTo("server", "error").data();
    assertThat(failure)
        .isInstanceOf(IpcProtocolException.class)
        .hasMessageContaining(
            " does not speak TLS (it sent 7b 22 74 79 70 65 22 3a (\"{\"type\":\"), which is no"
                + " TLS record) but this side expects TLS");
  }

  @ParameterizedTest
  @EnumSource(Lib.class)
  void javaPlainServerNamesTheClientHelloOfATlsNodeClient(Lib lib) throws Exception {
    EventRecorder events = startJavaServer(plain);
    node = NodeIpcPeer.start(lib);
    node.send(tls.nodeConnect("secure", server.endpoint(), Wiring.config("maxRetries", 0)));

    Throwable failure = (Throwable) events.skipTo("server", "error").data();
    assertThat(failure)
        .isInstanceOf(IpcProtocolException.class)
        .hasMessageContaining(" speaks TLS (it sent a TLS handshake record: 16 03 0")
        .hasMessageContaining("is a plain TCP server: configure tls(...) on the server");
    assertThat(((IpcProtocolException) failure).code())
        .isEqualTo(IpcProtocolException.TLS_MISMATCH);
  }

  @ParameterizedTest
  @EnumSource(Lib.class)
  void javaTlsClientSaysAPlainNodeServerGaveNoTlsAnswer(Lib lib) throws Exception {
    node = NodeIpcPeer.start(lib);
    Endpoint at = plain.nodeServerEndpoint();
    node.send(plain.nodeServe("plain", at, Wiring.config()));
    node.expect("plain", "start");
    client =
        IpcClient.create(
            at, tls.javaClient().maxRetries(0).connectTimeout(Duration.ofSeconds(3)).build());

    Throwable failure;
    try {
      client.connect().get(NodeIpcPeer.WAIT.toSeconds(), TimeUnit.SECONDS);
      throw new AssertionError("connected over TLS to a plain node-ipc server");
    } catch (ExecutionException e) {
      failure = e.getCause();
    }
    // node-ipc closes once a 0x0C byte of the ClientHello ends a "frame" that is not JSON; a
    // ClientHello without one waits for more, so connectTimeout ends it instead.
    assertThat(failure.getMessage())
        .containsAnyOf("closed before any TLS answer", "the server sent no TLS answer")
        .contains("remove tls, or connect to its TLS port");
  }
}
