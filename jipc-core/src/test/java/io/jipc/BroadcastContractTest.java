package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A broadcast reaches every open socket exactly once; {@code sockets()} lists them. */
class BroadcastContractTest extends StreamContract {

  @Test
  void broadcastReachesEveryClientExactlyOnce() throws Exception {
    IpcServer server = startServer(config());
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      clients.add(connectClient(server, config()));
    }
    assertThat(server.broadcast("news", Map.of("headline", "hi"))).isEqualTo(20);
    assertThat(server.broadcast("end")).isEqualTo(20);
    for (Client client : clients) {
      assertThat(client.events().next("client", "news").data()).isEqualTo(Map.of("headline", "hi"));
      assertThat(client.events().next("client", "end").data()).isEqualTo(Map.of());
      client.events().assertExhausted();
    }
  }

  @Test
  void broadcastSkipsNobodyIncludingTheNewestAndTheSender() throws Exception {
    IpcServer server = startServer(config());
    server.on("shout", (data, socket) -> server.broadcast("heard", data));
    Client first = connectClient(server, config());
    Client sender = connectClient(server, config());
    Client newest = connectClient(server, config());
    sender.ipc().emit("shout", "all");
    for (Client client : List.of(first, sender, newest)) {
      assertThat(client.events().next("client", "heard").data()).isEqualTo("all");
    }
  }

  @Test
  void socketsListsOpenSocketsInAcceptOrder() throws Exception {
    IpcServer server = startServer(config());
    assertThat(server.sockets()).isEmpty();
    Client a = connectClient(server, config());
    Client b = connectClient(server, config());
    Client c = connectClient(server, config());
    assertThat(ids(server.sockets()))
        .containsExactly(a.socket().id(), b.socket().id(), c.socket().id());
    assertThat(ids(List.of(a.socket(), b.socket(), c.socket()))).containsExactly("1", "2", "3");
    b.ipc().close();
    assertSocketGone(b.socket());
    assertThat(ids(server.sockets())).containsExactly(a.socket().id(), c.socket().id());
    assertThat(server.broadcast("after")).isEqualTo(2);
    assertThat(a.events().next("client", "after").data()).isEqualTo(Map.of());
    assertThat(c.events().next("client", "after").data()).isEqualTo(Map.of());
  }

  @Test
  void socketsIsASnapshot() throws Exception {
    IpcServer server = startServer(config());
    connectClient(server, config());
    List<IpcSocket> before = server.sockets();
    Client later = connectClient(server, config());
    assertThat(before).hasSize(1);
    assertThat(server.sockets()).hasSize(2);
    assertThat(server.sockets().get(1).id()).isEqualTo(later.socket().id());
  }

  @Test
  void broadcastWithNoSocketsQueuesNothing() throws Exception {
    IpcServer server = startServer(config());
    assertThat(server.broadcast("nobody", 1)).isZero();
  }

  private static List<String> ids(List<IpcSocket> sockets) {
    return sockets.stream().map(IpcSocket::id).toList();
  }
}
