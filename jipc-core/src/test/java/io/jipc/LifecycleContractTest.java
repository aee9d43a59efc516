package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.testing.EventRecorder;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Lifecycle events fire in the order the IpcServer and IpcClient Javadoc writes down. */
class LifecycleContractTest extends StreamContract {

  @Test
  void startFiresInsideStartWithNoDataAndNoSocket() throws Exception {
    IpcServer server = closeLater(IpcServer.create(transport.fresh(endpoints), config().build()));
    serverEvents.record(server, "server");
    server.start();
    EventRecorder.Event start = serverEvents.next(Duration.ZERO);
    assertThat(start.type()).isEqualTo("start");
    assertThat(start.data()).isNull();
    assertThat(start.socket()).isNull();
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    server.close();
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void serverSeesConnectEventsThenDisconnectedAndCloseExactlyOnce() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config().maxRetries(0));
    client.ipc().emit("a", 1);
    client.ipc().emit("b", 2);
    client.ipc().close();
    IpcSocket socket = client.socket();
    assertThat(serverEvents.next("server", "a").socket().id()).isEqualTo(socket.id());
    assertThat(serverEvents.next("server", "b").data()).isEqualTo(2L);
    EventRecorder.Event gone = serverEvents.next("server", "socket.disconnected");
    assertThat(gone.data()).isEqualTo(socket.id());
    assertThat(gone.socket().id()).isEqualTo(socket.id());
    EventRecorder.Event close = serverEvents.next("server", "close");
    assertThat(close.data()).isNull();
    assertThat(close.socket().id()).isEqualTo(socket.id());
    server.close();
    serverEvents.assertExhausted();
  }

  @Test
  void socketReportsClosedAfterThePeerHangsUp() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config().maxRetries(0));
    client.ipc().close();
    assertSocketGone(client.socket());
    assertThat(client.socket().isOpen()).as("isOpen after socket.disconnected").isFalse();
    assertThat(client.socket().emit("late", 1)).isFalse();
  }

  @Test
  void serverConnectCarriesTheSocketAndNoData() throws Exception {
    IpcServer server = startServer(config());
    IpcClient client = newClient(server.endpoint(), config(), new EventRecorder());
    client.connect().get(5, TimeUnit.SECONDS);
    EventRecorder.Event connect = serverEvents.next("server", "connect");
    assertThat(connect.data()).isNull();
    assertThat(connect.socket().isOpen()).isTrue();
    assertThat(server.sockets()).extracting(IpcSocket::id).containsExactly(connect.socket().id());
  }

  @Test
  void clientSeesConnectThenDisconnectThenDestroyOnClose() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config());
    assertThat(client.ipc().isConnected()).isTrue();
    client.socket().emit("hello", "you");
    assertThat(client.events().next("client", "hello").data()).isEqualTo("you");
    client.ipc().close();
    assertThat(client.events().next("client", "disconnect").data()).isNull();
    assertThat(client.events().next("client", "destroy").data()).isNull();
    client.events().assertExhausted();
    assertThat(client.ipc().isConnected()).isFalse();
    assertThat(client.ipc().emit("late", 1)).isFalse();
    assertThat(client.ipc().connect()).isCompletedWithValue(client.ipc());
  }

  @Test
  void serverCloseEndsEachSocketOnceAndClientsSeeAPlainDisconnect() throws Exception {
    IpcServer server = startServer(config());
    Client a = connectClient(server, config().maxRetries(0));
    Client b = connectClient(server, config().maxRetries(0));
    server.close();
    Map<String, List<String>> bySocket = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      EventRecorder.Event event = serverEvents.next();
      bySocket
          .computeIfAbsent(event.socket().id(), id -> new java.util.ArrayList<>())
          .add(event.type());
    }
    assertThat(bySocket)
        .containsOnlyKeys(a.socket().id(), b.socket().id())
        .allSatisfy(
            (id, types) -> assertThat(types).containsExactly("socket.disconnected", "close"));
    serverEvents.assertExhausted();
    for (Client client : List.of(a, b)) {
      client.events().next("client", "disconnect");
      client.events().next("client", "destroy");
      client.events().assertExhausted();
      assertThat(client.ipc().isConnected()).isFalse();
    }
    server.close();
    serverEvents.assertExhausted();
  }

  @Test
  void clientSeesConnectBeforeAnEventTheServerSendsOnConnect() throws Exception {
    IpcServer server = startServer(config());
    server.on("connect", (data, socket) -> socket.emit("welcome", socket.id()));
    for (int i = 0; i < 20; i++) {
      EventRecorder events = new EventRecorder();
      IpcClient client = newClient(server.endpoint(), config(), events);
      client.connect();
      events.next("client", "connect");
      assertThat(events.next("client", "welcome").data()).isNotNull();
      client.close();
    }
  }

  @Test
  void wildcardHandlersSeeEveryEventWithItsType() throws Exception {
    IpcServer server = startServer(config());
    AtomicInteger typedSeen = new AtomicInteger();
    server.on("custom", (data, socket) -> typedSeen.incrementAndGet());
    Client client = connectClient(server, config().maxRetries(0));
    client.ipc().emit("custom", List.of(1, "two"));
    EventRecorder.Event custom = serverEvents.next("server", "custom");
    assertThat(custom.data()).isEqualTo(List.of(1L, "two"));
    assertThat(custom.socket().id()).isEqualTo(client.socket().id());
    client.socket().emit("reply", Map.of("k", "v"));
    assertThat(client.events().next("client", "reply").data()).isEqualTo(Map.of("k", "v"));
    server.close();
    assertSocketGone(client.socket());
    client.events().next("client", "disconnect");
    client.events().next("client", "destroy");
    assertThat(typedSeen).hasValue(1);
  }

  @Test
  void offRemovesTheGivenHandlerOnly() throws Exception {
    IpcServer server = startServer(config());
    AtomicInteger removed = new AtomicInteger();
    AtomicInteger kept = new AtomicInteger();
    IpcServer.Handler typed = (data, socket) -> removed.incrementAndGet();
    Runnable bare = removed::incrementAndGet;
    IpcServer.AnyHandler any = (type, data, socket) -> removed.incrementAndGet();
    server
        .on("msg", typed)
        .on("msg", bare)
        .on("*", any)
        .on("msg", (d, s) -> kept.incrementAndGet());
    server.off("msg", typed).off("msg", bare).off("*", any);
    Client client = connectClient(server, config());
    IpcClient.Handler clientTyped = data -> removed.incrementAndGet();
    client.ipc().on("msg", clientTyped).off("msg", clientTyped);
    client.ipc().emit("msg", 1);
    client.ipc().emit("after", 2);
    serverEvents.next("server", "msg");
    serverEvents.next("server", "after");
    client.socket().emit("msg", 3);
    client.socket().emit("after", 4);
    client.events().next("client", "msg");
    client.events().next("client", "after");
    assertThat(kept).hasValue(1);
    assertThat(removed).hasValue(0);
  }

  @Test
  void remoteAddressMatchesTheTransport() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config());
    Object expected =
        server.endpoint() instanceof Endpoint.Unix
            ? UnixDomainSocketAddress.class
            : InetSocketAddress.class;
    assertThat(client.socket().remoteAddress()).isInstanceOf((Class<?>) expected);
    if (client.socket().remoteAddress() instanceof InetSocketAddress inet) {
      assertThat(inet.getAddress().isLoopbackAddress()).isTrue();
    }
  }

  @Test
  void closedSocketRefusesEmitsWithFalse() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config().maxRetries(0));
    client.socket().close();
    client.socket().close();
    assertSocketGone(client.socket());
    assertThat(client.socket().isOpen()).isFalse();
    assertThat(client.socket().emit("late", 1)).isFalse();
    assertThat(server.emit(client.socket(), "late")).isFalse();
    client.events().next("client", "disconnect");
    client.events().next("client", "destroy");
    serverEvents.assertExhausted();
  }

  @Test
  void serverCloseFromAHandlerCompletes() throws Exception {
    IpcServer server = startServer(config());
    server.on("stop", (data, socket) -> server.close());
    Client client = connectClient(server, config().maxRetries(0));
    client.ipc().emit("stop");
    serverEvents.next("server", "stop");
    assertSocketGone(client.socket());
    client.events().next("client", "disconnect");
    client.events().next("client", "destroy");
    server.close();
    serverEvents.assertExhausted();
  }

  @Test
  void closingBothEndsAtOnceFiresSocketDisconnectedOnce() throws Exception {
    IpcServer server = startServer(config());
    for (int i = 0; i < 10; i++) {
      Client client = connectClient(server, config().maxRetries(0));
      Thread other = new Thread(client.ipc()::close);
      other.start();
      client.socket().close();
      other.join(5000);
      assertSocketGone(client.socket());
      client.events().next("client", "disconnect");
      client.events().next("client", "destroy");
    }
    server.close();
    serverEvents.assertExhausted();
  }

  @Test
  void clientCloseFromItsOwnHandlerCompletes() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config());
    client.ipc().on("bye", () -> client.ipc().close());
    client.socket().emit("bye");
    client.events().next("client", "bye");
    client.events().next("client", "disconnect");
    client.events().next("client", "destroy");
    assertSocketGone(client.socket());
    client.events().assertExhausted();
  }
}
