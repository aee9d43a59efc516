package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.ScriptedPeer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Clients reconnect by themselves, count attempts per outage, and stop for good when told. */
class ReconnectContractTest extends StreamContract {

  @Test
  void reconnectsAfterServerRestartOnTheSameEndpoint() throws Exception {
    IpcServer first = startServer(config());
    Endpoint endpoint = first.endpoint();
    Client client = connectClient(first, config());
    first.close();
    assertSocketGone(client.socket());
    client.events().next("client", "disconnect");
    IpcServer second = startServer(endpoint, config());
    assertThat(second.endpoint()).isEqualTo(endpoint);
    client.events().skipTo("client", "connect");
    IpcSocket socket = serverEvents.next("server", "connect").socket();
    assertThat(client.ipc().isConnected()).isTrue();
    client.ipc().emit("again", 2);
    assertThat(serverEvents.next("server", "again").socket().id()).isEqualTo(socket.id());
    socket.emit("back", 3);
    assertThat(client.events().next("client", "back").data()).isEqualTo(3L);
  }

  @Test
  void maxRetriesBoundsTheAttemptsThenDestroysAndFailsTheFuture() throws Exception {
    EventRecorder events = new EventRecorder();
    IpcClient client = newClient(transport.dead(endpoints), config().maxRetries(2), events);
    var connected = client.connect();
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(events.next("client", "error").data())
          .as("attempt %d", attempt)
          .isInstanceOf(Throwable.class);
      events.next("client", "disconnect");
    }
    events.next("client", "destroy");
    assertThatThrownBy(() -> connected.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(java.io.IOException.class);
    events.assertNoEventWithin(ms(200));
    assertThat(client.isConnected()).isFalse();
  }

  @Test
  void maxRetriesZeroNeverReconnects() throws Exception {
    IpcServer server = startServer(config());
    Endpoint endpoint = server.endpoint();
    Client client = connectClient(server, config().maxRetries(0));
    server.close();
    assertSocketGone(client.socket());
    client.events().next("client", "disconnect");
    client.events().next("client", "destroy");
    startServer(endpoint, config());
    serverEvents.assertNoEventWithin(QUIET);
    client.events().assertExhausted();
  }

  @Test
  void maxRetriesZeroToADeadEndpointTriesOnce() throws Exception {
    EventRecorder events = new EventRecorder();
    IpcClient client = newClient(transport.dead(endpoints), config().maxRetries(0), events);
    var connected = client.connect();
    events.next("client", "error");
    events.next("client", "disconnect");
    events.next("client", "destroy");
    assertThatThrownBy(() -> connected.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void retryCounterResetsAfterEverySuccessfulConnect() throws Exception {
    IpcServer server = startServer(config());
    Endpoint endpoint = server.endpoint();
    Client client = connectClient(server, config().maxRetries(2).retry(ms(250)));
    for (int outage = 1; outage <= 3; outage++) {
      server.close();
      assertSocketGone(client.socket());
      client.events().next("client", "disconnect");
      // Retry 1 of this outage fails; retry 2 finds the restarted server.
      client.events().next("client", "error");
      client.events().next("client", "disconnect");
      server = startServer(endpoint, config());
      client.events().next("client", "connect");
      serverEvents.next("server", "connect");
    }
    assertThat(client.ipc().isConnected()).isTrue();
  }

  @Test
  void stopRetryingDuringTheWaitFiresDestroy() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config().retry(ms(60_000)));
    server.close();
    client.events().next("client", "disconnect");
    long start = System.nanoTime();
    client.ipc().stopRetrying();
    client.events().next("client", "destroy");
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    client.events().assertExhausted();
  }

  @Test
  void stopRetryingWhileConnectedEndsTheClientAtTheNextClose() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config());
    client.ipc().stopRetrying();
    assertStillWorks(client);
    server.close();
    client.events().next("client", "disconnect");
    client.events().next("client", "destroy");
  }

  @Test
  void noGhostReconnectAfterClose() throws Exception {
    Endpoint dead = transport.dead(endpoints);
    EventRecorder events = new EventRecorder();
    IpcClient client = newClient(dead, config().retry(ms(20)), events);
    var connected = client.connect();
    events.next("client", "error");
    events.next("client", "disconnect");
    client.close();
    events.skipTo("client", "destroy");
    assertThatThrownBy(() -> connected.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    startServer(dead, config());
    serverEvents.assertNoEventWithin(QUIET);
    events.assertExhausted();
  }

  @Test
  void closeBeforeTheFirstConnectFailsTheFuture() throws Exception {
    EventRecorder events = new EventRecorder();
    IpcClient client = newClient(transport.dead(endpoints), config().retry(ms(60_000)), events);
    var connected = client.connect();
    events.next("client", "error");
    events.next("client", "disconnect");
    client.close();
    events.next("client", "destroy");
    assertThatThrownBy(() -> connected.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void protocolViolationFromTheServerEndsTheClient() throws Exception {
    try (ScriptedPeer.Listener listener = transport.listenPeer(transport.fresh(endpoints))) {
      EventRecorder events = new EventRecorder();
      IpcClient client = newClient(listener.endpoint(), config().retry(ms(20)), events);
      client.connect();
      ScriptedPeer peer = closeLater(listener.accept());
      events.next("client", "connect");
      peer.send("{\"type\":\"ok\",\"data\":1}\fnot json\f{\"type\":\"never\",\"data\":1}\f");
      assertThat(events.next("client", "ok").data()).isEqualTo(1L);
      protocolError(events.next("client", "error"), IpcProtocolException.INVALID_JSON);
      events.next("client", "disconnect");
      events.next("client", "destroy");
      peer.readToEof(ms(5000));
      events.assertNoEventWithin(QUIET);
      assertThat(client.isConnected()).isFalse();
    }
  }

  @Test
  void reservedNameFromTheServerEndsAGuardedClient() throws Exception {
    try (ScriptedPeer.Listener listener = transport.listenPeer(transport.fresh(endpoints))) {
      EventRecorder events = new EventRecorder();
      IpcClient client = newClient(listener.endpoint(), config().retry(ms(20)), events);
      client.connect();
      ScriptedPeer peer = closeLater(listener.accept());
      events.next("client", "connect");
      peer.send("{\"type\":\"destroy\",\"data\":{}}\f");
      protocolError(events.next("client", "error"), IpcProtocolException.RESERVED_EVENT);
      events.next("client", "disconnect");
      events.next("client", "destroy");
      events.assertNoEventWithin(QUIET);
    }
  }
}
