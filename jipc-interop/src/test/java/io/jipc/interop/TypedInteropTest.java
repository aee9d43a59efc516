package io.jipc.interop;

import static io.jipc.interop.NodeIpcPeer.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.jackson.JsonMapping;
import io.jipc.testing.TempEndpoints;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Typed payloads (jipc-jackson, here on the class path) against real node-ipc peers: a record
 * leaves Java as the object Node expects and Node's object arrives in Java as the record, with a
 * Java server and a Node client, and with a Node server and a Java client.
 */
@ExtendWith(InteropResults.class)
class TypedInteropTest {
  private static final JsonMapping JSON = JsonMapping.defaults();
  private static final IpcConfig QUIET = IpcConfig.builder().silent(true).build();

  /** An order as a record. */
  public record Order(String item, int qty, List<Line> lines, Instant at) {}

  /** One line of an order. */
  public record Line(String sku, long cents) {}

  private static final Order ORDER =
      new Order("tea", 2, List.of(new Line("t-1", 350)), Instant.parse("2026-12-04T10:00:00Z"));
  private static final Order ANSWER =
      new Order("cake", 1, List.of(), Instant.parse("2026-12-04T10:00:01.5Z"));

  private static Map<String, Object> asNodeSeesIt(Order order) {
    List<Object> lines =
        order.lines().stream().map(l -> (Object) obj("sku", l.sku(), "cents", l.cents())).toList();
    return obj(
        "item",
        order.item(),
        "qty",
        (long) order.qty(),
        "lines",
        lines,
        "at",
        order.at().toString());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Lib.class)
  void aJavaServerAndANodeClientExchangeRecords(Lib lib) throws Exception {
    InteropResults.check("typed records (jipc-jackson), Java server ⇄ " + lib.label() + " client");
    BlockingQueue<Order> got = new LinkedBlockingQueue<>();
    try (TempEndpoints dir = new TempEndpoints()) {
      Path path = dir.dir().resolve("typed.sock");
      try (IpcServer server = IpcServer.create(Endpoint.unix(path), QUIET);
          NodeIpcPeer node = NodeIpcPeer.start(lib)) {
        JSON.on(
            server,
            "order",
            Order.class,
            (order, socket) -> {
              got.add(order);
              JSON.emit(socket, "receipt", ANSWER);
            });
        server.start();
        node.send("cmd", "connect", "name", "c", "transport", "unix", "path", path.toString());
        node.expect("c", "connect");
        node.send("cmd", "emit", "name", "c", "type", "order", "data", asNodeSeesIt(ORDER));
        assertThat(got.poll(NodeIpcPeer.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ORDER);
        assertThat(node.expectMsg("c", "receipt").get("data")).isEqualTo(asNodeSeesIt(ANSWER));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Lib.class)
  void aNodeServerAndAJavaClientExchangeRecords(Lib lib) throws Exception {
    InteropResults.check("typed records (jipc-jackson), " + lib.label() + " server ⇄ Java client");
    BlockingQueue<Order> got = new LinkedBlockingQueue<>();
    try (TempEndpoints dir = new TempEndpoints();
        NodeIpcPeer node = NodeIpcPeer.start(lib)) {
      Path path = dir.dir().resolve("typed.sock");
      node.send("cmd", "serve", "name", "s", "transport", "unix", "path", path.toString());
      node.expect("s", "start");
      try (IpcClient client = IpcClient.create(Endpoint.unix(path), QUIET)) {
        JSON.on(client, "receipt", Order.class, got::add);
        client.connect().get(NodeIpcPeer.WAIT.toSeconds(), TimeUnit.SECONDS);
        node.expect("s", "connect");
        assertThat(JSON.emit(client, "order", ORDER)).isTrue();
        assertThat(node.expectMsg("s", "order").get("data")).isEqualTo(asNodeSeesIt(ORDER));
        node.send(
            "cmd", "emit", "name", "s", "type", "receipt", "data", asNodeSeesIt(ANSWER), "sock", 0);
        assertThat(got.poll(NodeIpcPeer.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ANSWER);
      }
    }
  }
}
