package io.jipc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.TempEndpoints;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sending events in the raw profile, or raw bytes in a framed one, is a programming error: it
 * throws IllegalStateException at once, whether or not a peer is connected.
 */
class WrongProfileSendTest {
  private final TempEndpoints endpoints = new TempEndpoints();
  private final IpcConfig framed = IpcConfig.builder().socketRoot(endpoints.dir()).build();
  private final IpcConfig raw = framed.toBuilder().rawBuffer(true).build();

  @AfterEach
  void cleanUp() {
    endpoints.close();
  }

  @Test
  void framedServerRefusesRawBytesEvenWithoutSockets() {
    try (IpcServer server = IpcServer.create(endpoints.unix(), framed)) {
      assertThatThrownBy(() -> server.broadcast(new byte[] {1}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("raw profile");
    }
  }

  @Test
  void rawServerRefusesEventsEvenWithoutSockets() {
    try (IpcServer server = IpcServer.create(endpoints.unix(), raw)) {
      assertThatThrownBy(() -> server.broadcast("news", "x"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("raw profile");
    }
  }

  @Test
  void clientsRefuseTheOtherProfilesSendsBeforeConnecting() {
    try (IpcClient framedClient = IpcClient.create(endpoints.unix(), framed);
        IpcClient rawClient = IpcClient.create(endpoints.unix(), raw)) {
      assertThatThrownBy(() -> framedClient.emit(new byte[] {1}))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> framedClient.write("text"))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> rawClient.emit("event", 1))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void connectedSocketRefusesTheOtherProfilesSends() throws Exception {
    EventRecorder events = new EventRecorder();
    try (IpcServer server = IpcServer.create(endpoints.unix(), framed)) {
      events.record(server, "server");
      server.start();
      try (IpcClient client = IpcClient.create(server.endpoint(), framed)) {
        client.connect().get(5, TimeUnit.SECONDS);
        IpcSocket socket = events.skipTo("server", "connect").socket();
        assertThatThrownBy(() -> socket.emit(new byte[] {1}))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("raw profile");
        assertThatThrownBy(() -> socket.write("text")).isInstanceOf(IllegalStateException.class);
      }
    }
  }
}
