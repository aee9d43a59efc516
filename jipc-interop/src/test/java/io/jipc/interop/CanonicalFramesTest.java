package io.jipc.interop;

import static io.jipc.interop.NodeIpcPeer.obj;
import static io.jipc.interop.Wiring.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.testing.EventRecorder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The canonical frames of PROTOCOL.md §1, byte for byte, both ways over a Unix socket: jipc emits
 * them to a node-ipc server in the raw profile, which prints the bytes it read; node-ipc emits them
 * through its own encoder to a raw jipc server. The expected bytes are written out here from the
 * spec, not computed by either encoder.
 */
@ExtendWith(InteropResults.class)
class CanonicalFramesTest {
  /** One canonical call: type, data (absent: emit(type) without data), and the frame in hex. */
  private record Call(String type, boolean hasData, Object data, String hex) {}

  private static final String NULL_V14 = "{\"type\":\"x\",\"data\":null}";
  private static final String NULL_V10 = "{\"type\":\"x\",\"data\":{}}";

  private static final List<Call> CALLS =
      List.of(
          new Call(
              "app.message", true, "hello", text("{\"type\":\"app.message\",\"data\":\"hello\"}")),
          new Call(
              "app.message",
              true,
              obj("text", "hello"),
              text("{\"type\":\"app.message\",\"data\":{\"text\":\"hello\"}}")),
          new Call("x", false, null, text("{\"type\":\"x\",\"data\":{}}")),
          new Call("x", true, false, text("{\"type\":\"x\",\"data\":false}")),
          new Call("x", true, 0L, text("{\"type\":\"x\",\"data\":0}")),
          new Call("x", true, null, text(NULL_V14)),
          new Call(
              "u",
              true,
              "é🌍",
              "7b 22 74 79 70 65 22 3a 22 75 22 2c 22 64 61 74 61 22 3a 22 c3 a9 f0 9f 8c 8d 22 7d 0c"),
          new Call("d", true, "a\fb", text("{\"type\":\"d\",\"data\":\"a\\fb\"}")));

  @ParameterizedTest(name = "{0}")
  @EnumSource(Lib.class)
  void javaFramesReachNodeByteForByte(Lib lib) throws Exception {
    InteropResults.check("§1 canonical frames, jipc → " + lib.label() + " (read raw by node-ipc)");
    assertThat(bytes(CALLS.get(0).hex())).hasSize(38);
    assertThat(bytes(CALLS.get(1).hex())).hasSize(47);
    assertThat(bytes(CALLS.get(7).hex())).hasSize(27);
    try (NodeIpcPeer node = NodeIpcPeer.start(lib);
        Wiring wiring = new Wiring(Net.UNIX)) {
      Endpoint at = wiring.nodeServerEndpoint();
      node.send(wiring.nodeServe("raw", at, config("rawBuffer", true)));
      node.expect("raw", "start");
      try (IpcClient client = IpcClient.create(at, IpcConfig.builder().silent(true).build())) {
        client.connect().get(NodeIpcPeer.WAIT.toSeconds(), TimeUnit.SECONDS);
        StringBuilder expected = new StringBuilder();
        for (Call call : CALLS) {
          assertThat(
                  call.hasData() ? client.emit(call.type(), call.data()) : client.emit(call.type()))
              .isTrue();
          expected.append(call.hex().replace(" ", ""));
        }
        StringBuilder got = new StringBuilder();
        while (got.length() < expected.length()) {
          got.append(node.expect("raw", "data").get("hex"));
        }
        assertThat(got.toString()).isEqualTo(expected.toString());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Lib.class)
  void nodeFramesReachJavaByteForByte(Lib lib) throws Exception {
    InteropResults.check("§1 canonical frames, " + lib.label() + " → jipc (read raw by jipc)");
    IpcConfig raw = IpcConfig.builder().silent(true).rawBuffer(true).build();
    try (NodeIpcPeer node = NodeIpcPeer.start(lib);
        Wiring wiring = new Wiring(Net.UNIX);
        IpcServer server = IpcServer.create(wiring.javaServerEndpoint(), raw)) {
      EventRecorder events = new EventRecorder().record(server, "server");
      server.start();
      node.send(wiring.nodeConnect("c", server.endpoint(), config("maxRetries", 0)));
      node.expect("c", "connect");
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      for (Call call : CALLS) {
        Map<String, Object> cmd = obj("cmd", "emit", "name", "c", "type", call.type());
        if (call.hasData()) {
          cmd.put("data", call.data());
        }
        node.send(cmd);
        String hex = call.hex();
        if (lib == Lib.V10 && hex.equals(text(NULL_V14))) {
          hex = text(NULL_V10);
          InteropResults.note("v10 writes emit(\"x\", null) as " + NULL_V10 + " (PROTOCOL.md §1)");
        }
        expected.writeBytes(bytes(hex));
      }
      events.skipTo("server", "connect");
      byte[] got = Checks.rawReceived(events, "server", expected.size());
      assertThat(HexFormat.of().formatHex(got))
          .isEqualTo(HexFormat.of().formatHex(expected.toByteArray()));
      node.send("cmd", "disconnect", "name", "c");
      events.skipTo("server", "socket.disconnected");
    }
  }

  /** The hex of {@code frame}'s UTF-8 bytes followed by the delimiter 0x0C. */
  private static String text(String frame) {
    return HexFormat.of().formatHex(frame.getBytes(StandardCharsets.UTF_8)) + "0c";
  }

  private static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }
}
