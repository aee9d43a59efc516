package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A handler that throws is reported as an {@code error} event; the connection goes on. */
class HandlerErrorContractTest extends StreamContract {

  @Test
  void serverHandlerExceptionIsReportedAndTheNextFramesArrive() throws Exception {
    IpcServer server = startServer(config());
    IOException thrown = new IOException("handler failed");
    server.on(
        "boom",
        (data, socket) -> {
          throw thrown;
        });
    Client client = connectClient(server, config());
    client.ipc().emit("boom", 1);
    client.ipc().emit("after", 2);
    List<EventRecorder.Event> firstTwo = List.of(serverEvents.next(), serverEvents.next());
    assertThat(firstTwo)
        .extracting(EventRecorder.Event::type)
        .containsExactlyInAnyOrder("boom", "error");
    EventRecorder.Event error = firstTwo.get(firstTwo.get(0).type().equals("error") ? 0 : 1);
    assertReports(error, thrown);
    assertThat(error.socket().id()).isEqualTo(client.socket().id());
    assertThat(serverEvents.next("server", "after").data()).isEqualTo(2L);
    assertThat(client.socket().isOpen()).isTrue();
    assertStillWorks(client);
    serverEvents.assertExhausted();
  }

  @Test
  void clientHandlerExceptionIsReportedAndTheNextFramesArrive() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config());
    RuntimeException thrown = new IllegalStateException("client handler failed");
    client
        .ipc()
        .on(
            "boom",
            data -> {
              throw thrown;
            });
    client.socket().emit("boom", 1);
    client.socket().emit("after", 2);
    List<EventRecorder.Event> firstTwo = List.of(client.events().next(), client.events().next());
    assertThat(firstTwo)
        .extracting(EventRecorder.Event::type)
        .containsExactlyInAnyOrder("boom", "error");
    assertReports(firstTwo.get(firstTwo.get(0).type().equals("error") ? 0 : 1), thrown);
    assertThat(client.events().next("client", "after").data()).isEqualTo(2L);
    assertThat(client.ipc().isConnected()).isTrue();
    assertStillWorks(client);
  }

  @Test
  void throwingErrorHandlersBreakNothingAndAreLogged() throws Exception {
    List<String> serverLog = new CopyOnWriteArrayList<>();
    List<String> clientLog = new CopyOnWriteArrayList<>();
    IpcServer server = startServer(config().logger(serverLog::add));
    server.on(
        "boom",
        (data, socket) -> {
          throw new IllegalStateException("first");
        });
    server.on(
        "error",
        (data, socket) -> {
          throw new IllegalStateException("error handler failed too");
        });
    Client client = connectClient(server, config().logger(clientLog::add));
    client
        .ipc()
        .on(
            "boom",
            () -> {
              throw new IllegalStateException("client first");
            });
    client
        .ipc()
        .on(
            "error",
            () -> {
              throw new IllegalStateException("client error handler failed too");
            });
    client.ipc().emit("boom", 1);
    client.ipc().emit("after", 2);
    serverEvents.skipTo("server", "after");
    client.socket().emit("boom", 1);
    client.socket().emit("after", 2);
    client.events().skipTo("client", "after");
    assertStillWorks(client);
    assertThat(serverLog).anyMatch(line -> line.contains("error handler"));
    assertThat(clientLog).anyMatch(line -> line.contains("error handler"));
  }

  @Test
  void throwingConnectHandlerIsReportedAndTheSocketStaysUsable() throws Exception {
    IpcServer server = startServer(config());
    RuntimeException thrown = new IllegalStateException("connect handler failed");
    server.on(
        "connect",
        () -> {
          throw thrown;
        });
    IpcClient ipc = newClient(server.endpoint(), config(), new EventRecorder());
    ipc.connect().get(10, TimeUnit.SECONDS);
    List<String> types = new ArrayList<>();
    EventRecorder.Event error = null;
    for (int i = 0; i < 2; i++) {
      EventRecorder.Event event = serverEvents.next();
      types.add(event.type());
      error = event.type().equals("error") ? event : error;
    }
    assertThat(types).containsExactlyInAnyOrder("connect", "error");
    assertReports(error, thrown);
    ipc.emit("ping", "still here");
    assertThat(serverEvents.next("server", "ping").data()).isEqualTo("still here");
  }

  /** The error event carries the thrown exception itself, or a wrapper caused by it. */
  private static void assertReports(EventRecorder.Event error, Throwable thrown) {
    assertThat(error.data()).isInstanceOf(Throwable.class);
    Throwable reported = (Throwable) error.data();
    assertThat(reported == thrown || reported.getCause() == thrown)
        .as("error event %s reports %s", reported, thrown)
        .isTrue();
  }
}
