package io.jipc.internal.codec;

import java.nio.charset.StandardCharsets;

/**
 * The slow path of {@link JsonWriter#writeString}: escapes and UTF-8 encoding exactly as {@code
 * JSON.stringify} prints them. {@code "} and {@code \} are escaped; U+0008, U+0009, U+000A, U+000C
 * and U+000D take their short escapes; other controls below U+0020 and lone surrogates are written
 * as Unicode escapes with lowercase hex; everything else, including {@code /}, U+007F and
 * U+2028/U+2029, is raw UTF-8 (a valid surrogate pair as one 4-byte sequence).
 *
 * <p>Stateless; thread-safe.
 */
final class StringEscaper {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private StringEscaper() {}

  /**
   * Writes {@code s} from index {@code from} on (without quotes). The caller has reserved at least
   * one byte per remaining char plus one; each step keeps that reservation a lower bound of what is
   * still to come, so the sink's limit is never hit by over-reserving.
   */
  static void write(CharSequence s, int from, ByteSink out) {
    int n = s.length();
    int i = from;
    while (i < n) {
      char c = s.charAt(i);
      int size = out.size();
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        out.array()[size] = (byte) c; // reserved: one byte per char
        out.size(size + 1);
        i++;
      } else if (c < 0x80) {
        ascii(c, n - i, out);
        i++;
      } else if (c < 0x800) {
        out.ensureCapacity(2 + (n - i - 1) + 1);
        byte[] a = out.array();
        a[size] = (byte) (0xC0 | c >> 6);
        a[size + 1] = (byte) (0x80 | (c & 0x3F));
        out.size(size + 2);
        i++;
      } else if (!Character.isSurrogate(c)) {
        out.ensureCapacity(3 + (n - i - 1) + 1);
        threeBytes(c, out);
        i++;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.ensureCapacity(4 + (n - i - 2) + 1);
        fourBytes(Character.toCodePoint(c, s.charAt(i + 1)), out);
        i += 2;
      } else {
        out.ensureCapacity(6 + (n - i - 1) + 1);
        unicodeEscape(c, out);
        i++;
      }
    }
  }

  private static void ascii(char c, int remaining, ByteSink out) {
    byte shortForm =
        switch (c) {
          case '"' -> '"';
          case '\\' -> '\\';
          case '\b' -> 'b';
          case '\t' -> 't';
          case '\n' -> 'n';
          case '\f' -> 'f';
          case '\r' -> 'r';
          default -> 0;
        };
    if (shortForm == 0) {
      out.ensureCapacity(6 + (remaining - 1) + 1);
      unicodeEscape(c, out);
      return;
    }
    out.ensureCapacity(2 + (remaining - 1) + 1);
    byte[] a = out.array();
    int p = out.size();
    a[p] = '\\';
    a[p + 1] = shortForm;
    out.size(p + 2);
  }

  private static void unicodeEscape(char c, ByteSink out) {
    byte[] a = out.array();
    int p = out.size();
    a[p] = '\\';
    a[p + 1] = 'u';
    a[p + 2] = HEX[c >> 12];
    a[p + 3] = HEX[(c >> 8) & 0xF];
    a[p + 4] = HEX[(c >> 4) & 0xF];
    a[p + 5] = HEX[c & 0xF];
    out.size(p + 6);
  }

  private static void threeBytes(char c, ByteSink out) {
    byte[] a = out.array();
    int p = out.size();
    a[p] = (byte) (0xE0 | c >> 12);
    a[p + 1] = (byte) (0x80 | ((c >> 6) & 0x3F));
    a[p + 2] = (byte) (0x80 | (c & 0x3F));
    out.size(p + 3);
  }

  private static void fourBytes(int codePoint, ByteSink out) {
    byte[] a = out.array();
    int p = out.size();
    a[p] = (byte) (0xF0 | codePoint >> 18);
    a[p + 1] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
    a[p + 2] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
    a[p + 3] = (byte) (0x80 | (codePoint & 0x3F));
    out.size(p + 4);
  }
}
