package io.jipc.internal.transport;

import java.nio.ByteBuffer;

/**
 * The first bytes a stream received, kept until they tell whether the peer speaks TLS: both sides
 * of a TCP endpoint must agree on {@code tls}, and a mismatch otherwise shows only as silence or a
 * timeout. Every TLS record starts with a 5-byte header; its first three bytes are enough:
 *
 * <pre>
 *   +--------------+---------+---------------+----------------+
 *   | content type | version | version minor | length (2)     |
 *   | 0x14 .. 0x18 | 0x03    | 0x00 .. 0x04  | ...            |
 *   +--------------+---------+---------------+----------------+
 *   0x16 handshake (ClientHello, ServerHello), 0x15 alert
 * </pre>
 *
 * No node-ipc frame can start so: a frame is JSON, which starts with an opening brace or
 * whitespace. A raw stream can, so the plain side looks only under the framed profiles. Not
 * thread-safe: one connection's loop.
 */
final class TlsRecordStart {
  /** What the first bytes say. */
  enum Verdict {
    /** Too few bytes yet. */
    UNKNOWN,
    /** A TLS record header. */
    TLS,
    /** Something else. */
    NOT_TLS
  }

  /** How many of the first bytes are kept for messages. */
  private static final int SHOWN = 8;

  private final byte[] head = new byte[SHOWN];
  private int seen;
  private Verdict verdict = Verdict.UNKNOWN;

  /** Returns the verdict so far; it never changes once it is not {@link Verdict#UNKNOWN}. */
  Verdict verdict() {
    return verdict;
  }

  /** Returns true once at least one byte was seen. */
  boolean heardAny() {
    return seen > 0;
  }

  /** Looks at the bytes between {@code bytes}' position and limit, without consuming them. */
  Verdict see(ByteBuffer bytes) {
    for (int i = bytes.position(); i < bytes.limit() && seen < SHOWN; i++) {
      head[seen++] = bytes.get(i);
    }
    if (verdict == Verdict.UNKNOWN) {
      verdict = judge();
    }
    return verdict;
  }

  /** Looks at {@code n} bytes of {@code bytes} from {@code offset}. */
  Verdict see(byte[] bytes, int offset, int n) {
    return see(ByteBuffer.wrap(bytes, offset, n));
  }

  private Verdict judge() {
    if (seen == 0) {
      return Verdict.UNKNOWN;
    }
    int type = head[0] & 0xff;
    if (type < 0x14 || type > 0x18) {
      return Verdict.NOT_TLS;
    }
    if (seen < 2) {
      return Verdict.UNKNOWN;
    }
    if (head[1] != 0x03) {
      return Verdict.NOT_TLS;
    }
    if (seen < 3) {
      return Verdict.UNKNOWN;
    }
    return (head[2] & 0xff) <= 0x04 ? Verdict.TLS : Verdict.NOT_TLS;
  }

  /** Names the kind of TLS record seen, for messages: "a TLS handshake record". */
  String recordKind() {
    return switch (head[0]) {
      case 0x15 -> "a TLS alert record";
      case 0x16 -> "a TLS handshake record";
      default -> "a TLS record";
    };
  }

  /**
   * Returns the first bytes (at most 8) in hex, followed by their text when all are printable
   * ASCII: {@code 7b 22 74 79 70 65 22 3a ("{"type":")}.
   */
  String shown() {
    StringBuilder hex = new StringBuilder();
    StringBuilder text = new StringBuilder();
    boolean printable = true;
    for (int i = 0; i < seen; i++) {
      int b = head[i] & 0xff;
      hex.append(i == 0 ? "" : " ").append(Character.forDigit(b >> 4, 16));
      hex.append(Character.forDigit(b & 0xf, 16));
      printable &= b >= 0x20 && b < 0x7f;
      text.append((char) b);
    }
    return printable ? hex + " (\"" + text + "\")" : hex.toString();
  }
}
