package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.TempEndpoints;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelloWorldTest {
  private final TempEndpoints endpoints = new TempEndpoints();

  @AfterEach
  void cleanUp() {
    endpoints.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"unix", "tcp"})
  void serverAnswersClientAndSeesItLeave(String transport) throws Exception {
    EventRecorder events = new EventRecorder();
    EventRecorder serverOnly = new EventRecorder();
    try (IpcServer server = IpcServer.create(endpoints.fresh(transport))) {
      server.on("message", (data, socket) -> socket.emit("message", data + " world!"));
      events.record(server, "server");
      serverOnly.record(server, "server");
      server.start();
      events.next("server", "start");
      try (IpcClient client = IpcClient.create(server.endpoint())) {
        events.record(client, "client");
        client.on("connect", () -> client.emit("message", "hello"));
        client.connect().get(5, TimeUnit.SECONDS);
        events.skipTo("server", "connect");
        assertThat(events.skipTo("server", "message").data()).isEqualTo("hello");
        assertThat(events.skipTo("client", "message").data()).isEqualTo("hello world!");
        client.emit("map", Map.of("n", 1));
        assertThat(events.skipTo("server", "map").data()).isEqualTo(Map.of("n", 1L));
      }
      serverOnly.skipTo("server", "socket.disconnected");
      serverOnly.next("server", "close");
    }
  }
}
