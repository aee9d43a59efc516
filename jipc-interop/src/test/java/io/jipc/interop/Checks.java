package io.jipc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.IpcSocket;
import io.jipc.testing.EventRecorder;
import io.jipc.testing.EventRecorder.Event;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The assertions the stream and UDP rows share. */
final class Checks {
  /** How long an incomplete frame may wait in the fault cases. */
  static final Duration PARTIAL_TIMEOUT = Duration.ofMillis(300);

  /** Every byte value, ascending: invalid UTF-8 from 0x80 on. */
  static final byte[] ALL_BYTES = allBytes(false);

  /** Every byte value, descending. */
  static final byte[] ALL_BYTES_DOWN = allBytes(true);

  static final String V10_FALSY =
      "v10 sends {} as the data of emit(type, \"\") and emit(type, null) (its emit replaces every"
          + " falsy value but false and 0); jipc reads {} as it arrives";

  static final Set<String> LIFECYCLE =
      Set.of(
          "start",
          "connect",
          "disconnect",
          "destroy",
          "close",
          "socket.disconnected",
          "error",
          "data");

  private static final ScheduledExecutorService LATER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "interop-later");
            thread.setDaemon(true);
            return thread;
          });

  private Checks() {}

  /** Checks that {@code source} received the seven shapes in order, as {@code lib} sends them. */
  static void shapesReceived(EventRecorder events, String source, Lib lib) {
    for (int i = 0; i < Shapes.COUNT; i++) {
      Event event = events.next(source, "shape." + i);
      assertThat(Values.same(event.data(), Shapes.received(i, lib)))
          .as("shape %d read as %s", i, event.data())
          .isTrue();
    }
  }

  /** Checks that Node printed the seven shapes in order, each equal to its own definition. */
  static void shapesPrinted(List<Map<String, Object>> msgs) {
    for (int i = 0; i < Shapes.COUNT; i++) {
      Map<String, Object> msg = msgs.get(i);
      assertThat(msg.get("type")).isEqualTo("shape." + i);
      assertThat(msg.get("ok")).as("node's reading of shape %d: %s", i, msg).isEqualTo(true);
    }
  }

  /** Checks that {@code source} received work 1, 2, 3, then finish {count: 3}. */
  static void workThenFinish(EventRecorder events, String source) {
    for (long n = 1; n <= 3; n++) {
      assertThat(events.next(source, "work").data()).isEqualTo(n);
    }
    assertThat(Values.same(events.next(source, "finish").data(), Map.of("count", 3L))).isTrue();
  }

  /** Checks that Node endpoint {@code name} printed work 1, 2, 3, then finish {count: 3}. */
  static void workThenFinishPrinted(NodeIpcPeer node, String name) {
    List<Map<String, Object>> msgs = node.nextMsgs(name, 4);
    assertThat(msgs)
        .extracting(m -> m.get("type"))
        .containsExactly("work", "work", "work", "finish");
    assertThat(msgs).extracting(m -> m.get("data")).startsWith(1L, 2L, 3L);
  }

  /**
   * Checks Node's side of a clean close: the socket saw the other side's end with no partial frame
   * left, closed without error, and nothing but lifecycle events arrived after the finish.
   */
  static void cleanEnd(NodeIpcPeer node, String name) {
    Map<String, Object> end = node.expect(name, "sock.end");
    assertThat(end.get("pending")).as("unparsed bytes at the end").isEqualTo(0L);
    assertThat(node.expect(name, "sock.close").get("hadError")).isEqualTo(false);
    node.roundTrip();
    assertThat(node.held(name))
        .as("events after the finish")
        .noneMatch(e -> Set.of("msg", "error", "data").contains(e.get("ev")));
  }

  /**
   * Checks jipc's side of a clean close: the next events of {@code source} are {@code end} and the
   * one after it ({@code close} after {@code socket.disconnected}, {@code destroy} after {@code
   * disconnect}), with no error.
   */
  static void cleanDisconnect(EventRecorder events, String source, String end) {
    events.next(source, end);
    events.next(source, end.equals("disconnect") ? "destroy" : "close");
  }

  /** The finish guard: after a socket's finish, any further wire event closes it. */
  static void guardFinished(Set<IpcSocket> finished, String type, IpcSocket socket) {
    if (socket != null && finished.contains(socket) && !type.equals("finish")) {
      if (!LIFECYCLE.contains(type)) {
        socket.close();
      }
    }
  }

  /** Runs {@code first} and then {@code then} 50 ms from now on a timer thread. */
  static void later(Runnable first, Runnable then) {
    LATER.schedule(
        () -> {
          first.run();
          then.run();
        },
        50,
        TimeUnit.MILLISECONDS);
  }

  /** Collects the {@code data} events of {@code source} until {@code length} bytes arrived. */
  static byte[] rawReceived(EventRecorder events, String source, int length) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (bytes.size() < length) {
      bytes.writeBytes((byte[]) events.next(source, "data").data());
    }
    return bytes.toByteArray();
  }

  /**
   * Checks the bytes Node endpoint {@code name} printed as {@code data} events after {@code sent}
   * went to it: exactly those bytes from v14; from v10 what its UTF-8 decoding leaves of them.
   */
  static void rawPrinted(NodeIpcPeer node, String name, byte[] sent, Lib lib) {
    byte[] expected = lib == Lib.V14 ? sent : utf8RoundTrip(sent);
    StringBuilder hex = new StringBuilder();
    while (hex.length() < expected.length * 2) {
      hex.append(node.expect(name, "data").get("hex"));
    }
    assertThat(hex.toString()).isEqualTo(hex(expected));
    if (lib == Lib.V10) {
      InteropResults.note(
          "v10 turns raw input into UTF-8 text and back (setEncoding on streams, toString() on"
              + " UDP): the 256 byte values arrived as "
              + expected.length
              + " bytes, each byte that is not UTF-8 replaced by EF BF BD; its raw sends are exact");
    }
  }

  /** What a UTF-8 decode (invalid bytes to U+FFFD, as Node's decoder) and re-encode leaves. */
  static byte[] utf8RoundTrip(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] allBytes(boolean descending) {
    byte[] bytes = new byte[256];
    for (int i = 0; i < 256; i++) {
      bytes[i] = (byte) (descending ? 255 - i : i);
    }
    return bytes;
  }
}
