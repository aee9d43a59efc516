package io.jipc.bench.jmh;

import java.nio.charset.StandardCharsets;

/** The frames the benchmarks read and write: the harness's 64-character ping payload. */
final class Frames {
  /** The harness payload of sequence number 42 at P=64. */
  static final String PAYLOAD = String.format("%08x", 42) + "a".repeat(56);

  /** {@code {"type":"ping","data":"<64>"}}: the common shape, read by the codec's fast path. */
  static final String PING = "{\"type\":\"ping\",\"data\":\"" + PAYLOAD + "\"}";

  /** The same event with its members reordered: only the generic path reads it. */
  static final String REORDERED = "{\"data\":\"" + PAYLOAD + "\",\"type\":\"ping\"}";

  /** The common shape with a small nested object as data. */
  static final String NESTED =
      "{\"type\":\"ping\",\"data\":{\"seq\":42,\"text\":\""
          + PAYLOAD.substring(0, 32)
          + "\",\"ok\":true,\"ratio\":0.5,\"tags\":[\"a\",\"b\",\"c\"]}}";

  /** The frame delimiter, node-ipc's default. */
  static final byte[] DELIMITER = {'\f'};

  /** node-ipc's default maxMessageSize. */
  static final int MAX_FRAME = 1 << 20;

  /** jipc's default maxJsonDepth. */
  static final int MAX_DEPTH = 1000;

  private Frames() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns {@code count} copies of {@code frame}, each followed by the delimiter. */
  static byte[] stream(String frame, int count) {
    byte[] one = utf8(frame + "\f");
    byte[] all = new byte[one.length * count];
    for (int i = 0; i < count; i++) {
      System.arraycopy(one, 0, all, i * one.length, one.length);
    }
    return all;
  }
}
