package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code server.socket(id)} finds a connected socket by its id, server-assigned or declared. */
class SocketLookupContractTest extends StreamContract {

  @Test
  void findsASocketByItsServerAssignedIdUntilItCloses() throws Exception {
    IpcServer server = startServer(config());
    Client first = connectClient(server, config());
    Client second = connectClient(server, config());
    assertThat(server.socket(first.socket().id())).containsSame(first.socket());
    assertThat(server.socket(second.socket().id())).containsSame(second.socket());
    assertThat(server.socket("999")).isEmpty();
    assertThat(server.socket("nobody")).isEmpty();
    String gone = first.socket().id();
    first.ipc().close();
    serverEvents.skipTo("server", "socket.disconnected");
    assertThat(server.socket(gone)).isEmpty();
  }

  @Test
  void findsASocketByTheIdItDeclaredWithIdentifyPeer() throws Exception {
    IpcServer server = startServer(config().identifyPeer(true));
    Client client = connectClient(server, config());
    client.ipc().emit("hello", Map.of("id", "worker-7"));
    serverEvents.next("server", "hello");
    assertThat(server.socket("worker-7")).containsSame(client.socket());
    assertThat(client.socket().id()).isEqualTo("worker-7");
  }
}
