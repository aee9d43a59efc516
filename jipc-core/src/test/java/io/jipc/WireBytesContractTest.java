package io.jipc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.ScriptedPeer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What jipc writes is byte for byte what node-ipc's {@code JSON.stringify} framing writes. */
class WireBytesContractTest extends StreamContract {
  private static final Object NO_DATA = new Object();

  /** One emit and the exact bytes PROTOCOL.md §1 (or Node) says it produces. */
  record Canonical(String type, Object data, byte[] bytes) {
    Canonical(String type, Object data, String text) {
      this(type, data, text.getBytes(UTF_8));
    }

    @Override
    public String toString() {
      return "emit(" + type + (data == NO_DATA ? "" : ", " + data) + ")";
    }
  }

  static List<Canonical> canonicalFrames() {
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("b", 1);
    keys.put("17", 2);
    keys.put("a", 3);
    keys.put("0", 4);
    List<Canonical> frames = new ArrayList<>();
    frames.add(
        new Canonical("app.message", "hello", "{\"type\":\"app.message\",\"data\":\"hello\"}\f"));
    frames.add(
        new Canonical(
            "app.message",
            Map.of("text", "hello"),
            "{\"type\":\"app.message\",\"data\":{\"text\":\"hello\"}}\f"));
    frames.add(new Canonical("x", NO_DATA, "{\"type\":\"x\",\"data\":{}}\f"));
    frames.add(new Canonical("x", false, "{\"type\":\"x\",\"data\":false}\f"));
    frames.add(new Canonical("x", 0, "{\"type\":\"x\",\"data\":0}\f"));
    frames.add(new Canonical("x", null, "{\"type\":\"x\",\"data\":null}\f"));
    frames.add(
        new Canonical(
            "u",
            "é🌍",
            HexFormat.of().parseHex("7b2274797065223a2275222c2264617461223a22c3a9f09f8c8d227d0c")));
    frames.add(new Canonical("d", "a\fb", "{\"type\":\"d\",\"data\":\"a\\fb\"}\f"));
    frames.add(
        new Canonical("k", keys, "{\"type\":\"k\",\"data\":{\"0\":4,\"17\":2,\"b\":1,\"a\":3}}\f"));
    frames.add(
        new Canonical(
            "n",
            List.of(1.0, 1e21, 1e-7, -0.0, Double.NaN, 0.1),
            "{\"type\":\"n\",\"data\":[1,1e+21,1e-7,0,null,0.1]}\f"));
    frames.add(
        new Canonical(
            "s",
            "\u0001\u001f\b\t\n\r\"\\/\u007f\u2028\ud800",
            "{\"type\":\"s\",\"data\":\"\\u0001\\u001f\\b\\t\\n\\r\\\"\\\\/\u007f\u2028\\ud800\"}\f"));
    return frames;
  }

  @Test
  void canonicalFrameSizesMatchTheProtocol() {
    assertThat(canonicalFrames().get(0).bytes()).hasSize(38);
    assertThat(canonicalFrames().get(1).bytes()).hasSize(47);
    assertThat(canonicalFrames().get(7).bytes()).hasSize(27);
  }

  @Test
  void clientWritesCanonicalFrames() throws Exception {
    try (ScriptedPeer.Listener listener = transport.listenPeer(transport.fresh(endpoints))) {
      EventRecorder events = new EventRecorder();
      IpcClient client = newClient(listener.endpoint(), config(Profile.FAST), events);
      client.connect();
      ScriptedPeer peer = closeLater(listener.accept());
      events.next("client", "connect");
      assertWritten(peer, c -> c.data() == NO_DATA ? client.emit(c.type()) : emit(client, c));
    }
  }

  @Test
  void serverWritesCanonicalFramesToOneSocket() throws Exception {
    IpcServer server = startServer(config(Profile.FAST));
    Peer peer = connectPeer(server);
    IpcSocket socket = peer.socket();
    assertWritten(
        peer.raw(),
        c -> c.data() == NO_DATA ? socket.emit(c.type()) : socket.emit(c.type(), c.data()));
    assertWritten(
        peer.raw(),
        c ->
            c.data() == NO_DATA
                ? server.emit(socket, c.type())
                : server.emit(socket, c.type(), c.data()));
  }

  @Test
  void broadcastWritesCanonicalFrames() throws Exception {
    IpcServer server = startServer(config(Profile.FAST));
    Peer peer = connectPeer(server);
    assertWritten(
        peer.raw(),
        c ->
            (c.data() == NO_DATA
                    ? server.broadcast(c.type())
                    : server.broadcast(c.type(), c.data()))
                == 1);
  }

  @Test
  void guardedDefaultsWriteTheSameBytes() throws Exception {
    IpcServer server = startServer(config());
    Peer peer = connectPeer(server);
    Canonical hello = canonicalFrames().get(0);
    peer.socket().emit(hello.type(), hello.data());
    assertThat(peer.raw().read(hello.bytes().length, ms(5000))).isEqualTo(hello.bytes());
  }

  private static boolean emit(IpcClient client, Canonical c) {
    return client.emit(c.type(), c.data());
  }

  private static void assertWritten(ScriptedPeer peer, Function<Canonical, Boolean> emit) {
    for (Canonical c : canonicalFrames()) {
      assertThat(emit.apply(c)).as("%s queued", c).isTrue();
      byte[] actual = peer.read(c.bytes().length, ms(5000));
      assertThat(new String(actual, UTF_8)).as("%s", c).isEqualTo(new String(c.bytes(), UTF_8));
      assertThat(actual).as("%s", c).isEqualTo(c.bytes());
    }
  }
}
