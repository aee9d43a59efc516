package io.jipc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frames arrive complete, once, and in wire order, however the byte stream is cut. */
class StreamOrderingContractTest extends StreamContract {
  /** Three canonical frames: ASCII, an object, and multi-byte UTF-8 to cut inside. */
  static final String CANONICAL =
      "{\"type\":\"app.message\",\"data\":\"hello\"}\f"
          + "{\"type\":\"app.message\",\"data\":{\"text\":\"hello\"}}\f"
          + "{\"type\":\"u\",\"data\":\"é🌍\"}\f";

  @Test
  void thousandsOfEventsArriveInOrderAndEchoBackInOrder() throws Exception {
    IpcServer server = startServer(config());
    server.on("n", (data, socket) -> socket.emit("n", data));
    Client client = connectClient(server, config());
    int count = 5000;
    for (int i = 0; i < count; i++) {
      assertThat(client.ipc().emit("n", i)).isTrue();
    }
    for (long i = 0; i < count; i++) {
      assertThat(serverEvents.next("server", "n").data()).isEqualTo(i);
    }
    for (long i = 0; i < count; i++) {
      assertThat(client.events().next("client", "n").data()).isEqualTo(i);
    }
    serverEvents.assertExhausted();
    client.events().assertExhausted();
  }

  @Test
  void manyFramesInOneWriteAreAllDispatchedInOrder() throws Exception {
    IpcServer server = startServer(config());
    Peer peer = connectPeer(server);
    StringBuilder frames = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      frames.append("{\"type\":\"n\",\"data\":").append(i).append("}\f");
    }
    peer.raw().send(frames.toString());
    for (long i = 0; i < 300; i++) {
      EventRecorder.Event event = serverEvents.next("server", "n");
      assertThat(event.data()).isEqualTo(i);
      assertThat(event.socket().id()).isEqualTo(peer.socket().id());
    }
    serverEvents.assertExhausted();
  }

  @Test
  void framesSplitAtEveryBytePositionAreReassembled() throws Exception {
    IpcServer server = startServer(config());
    Peer peer = connectPeer(server);
    byte[] bytes = CANONICAL.getBytes(UTF_8);
    byte[] marker = "{\"type\":\"marker\",\"data\":1}\f".getBytes(UTF_8);
    for (int cut = 1; cut < bytes.length; cut++) {
      // The marker completes first, so the cut-off head is read before the tail is written.
      peer.raw().send(concat(marker, Arrays.copyOfRange(bytes, 0, cut)));
      serverEvents.next("server", "marker");
      peer.raw().send(Arrays.copyOfRange(bytes, cut, bytes.length));
      assertCanonicalEvents("cut at byte " + cut);
    }
    serverEvents.assertExhausted();
  }

  @Test
  void oneBytePerWriteIsReassembled() throws Exception {
    IpcServer server = startServer(config());
    Peer peer = connectPeer(server);
    for (byte b : CANONICAL.getBytes(UTF_8)) {
      peer.raw().send(new byte[] {b});
    }
    assertCanonicalEvents("one byte per write");
    serverEvents.assertExhausted();
  }

  @Test
  void multiByteDelimiterIsFoundWhenSplitAcrossWrites() throws Exception {
    String delimiter = "\u001e\r\n";
    IpcServer server = startServer(config().delimiter(delimiter));
    Peer peer = connectPeer(server);
    for (int cut = 0; cut <= delimiter.length(); cut++) {
      peer.raw()
          .send(
              "{\"type\":\"marker\",\"data\":"
                  + cut
                  + "}"
                  + delimiter
                  + "{\"type\":\"a\",\"data\":1}")
          .send(delimiter.substring(0, cut));
      assertThat(serverEvents.next("server", "marker").data()).isEqualTo((long) cut);
      peer.raw().send(delimiter.substring(cut) + "{\"type\":\"b\",\"data\":2}" + delimiter);
      assertThat(serverEvents.next("server", "a").data()).as("cut %d", cut).isEqualTo(1L);
      assertThat(serverEvents.next("server", "b").data()).as("cut %d", cut).isEqualTo(2L);
    }
    serverEvents.assertExhausted();
    Client client = connectClient(server, config().delimiter(delimiter));
    byte[] expected = ("{\"type\":\"c\",\"data\":\"to peer\"}" + delimiter).getBytes(UTF_8);
    peer.socket().emit("c", "to peer");
    assertThat(peer.raw().read(expected.length, ms(5000))).isEqualTo(expected);
    assertStillWorks(client);
  }

  @Test
  void framesNearTheDefaultLimitCrossBothWays() throws Exception {
    IpcServer server = startServer(config());
    server.on("big", (data, socket) -> socket.emit("big", data));
    Client client = connectClient(server, config());
    String big = "x".repeat(900 * 1024 - 100) + "é🌍\u2028";
    assertThat(client.ipc().emit("big", big)).isTrue();
    assertThat(serverEvents.next("server", "big").data()).isEqualTo(big);
    assertThat(client.events().next("client", "big").data()).isEqualTo(big);
  }

  @Test
  void payloadShapesRoundTripUnchanged() throws Exception {
    IpcServer server = startServer(config());
    server.on("echo", (data, socket) -> socket.emit("echo", data));
    Client client = connectClient(server, config());
    for (Object payload : payloads()) {
      client.ipc().emit("echo", payload);
      assertThat(serverEvents.next("server", "echo").data()).as("server got").isEqualTo(payload);
      assertThat(client.events().next("client", "echo").data())
          .as("client got back")
          .isEqualTo(payload);
    }
  }

  @Test
  void integerLikeKeysArriveInJavaScriptOrder() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config());
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 1);
    map.put("10", 2);
    map.put("a", 3);
    map.put("2", 4);
    client.ipc().emit("keys", map);
    Object received = serverEvents.next("server", "keys").data();
    assertThat(received).isInstanceOf(Map.class);
    assertThat(new ArrayList<Object>(((Map<?, ?>) received).keySet()))
        .containsExactly("2", "10", "b", "a");
  }

  @Test
  void emitWithoutDataSendsAnEmptyObject() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config());
    assertThat(client.ipc().emit("bare")).isTrue();
    assertThat(serverEvents.next("server", "bare").data()).isEqualTo(Map.of());
    assertThat(client.socket().emit("bare")).isTrue();
    assertThat(client.events().next("client", "bare").data()).isEqualTo(Map.of());
    assertThat(server.emit(client.socket(), "bare2")).isTrue();
    assertThat(client.events().next("client", "bare2").data()).isEqualTo(Map.of());
  }

  private static List<Object> payloads() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("name", "n");
    nested.put("7", List.of(true, false));
    nested.put("0", Map.of("deep", Map.of("12", "twelve")));
    List<Object> withNull = new ArrayList<>(Arrays.asList(1L, null, "two", 2.5));
    return Arrays.asList(
        false,
        true,
        0L,
        -17L,
        1.5,
        "",
        null,
        "é🌍 \u2028\u2029 \"quoted\" \\ \u0001\f\n\t/",
        List.of(),
        Map.of(),
        withNull,
        nested);
  }

  private void assertCanonicalEvents(String description) {
    assertThat(serverEvents.next("server", "app.message").data())
        .as(description)
        .isEqualTo("hello");
    assertThat(serverEvents.next("server", "app.message").data())
        .as(description)
        .isEqualTo(Map.of("text", "hello"));
    assertThat(serverEvents.next("server", "u").data()).as(description).isEqualTo("é🌍");
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
