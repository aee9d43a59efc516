package io.jipc.internal.codec;

import java.util.Arrays;

/**
 * The slow path of {@link JsonReader#readString()}: strings with escapes, non-ASCII characters or
 * errors.
 *
 * <p>UTF-8 is decoded as Node decodes a socket's bytes before {@code JSON.parse} sees them: each
 * maximal subpart of an ill-formed sequence becomes one U+FFFD (the WHATWG "UTF-8 decode"
 * algorithm), including overlong forms, encoded surrogates and code points above U+10FFFF.
 *
 * <p>Not thread-safe: it reuses one scratch buffer and belongs to one reader.
 */
final class StringDecoder {
  private static final char REPLACEMENT = '\uFFFD';

  private final JsonReader reader;
  private char[] chars = new char[64];
  private int length;

  StringDecoder(JsonReader reader) {
    this.reader = reader;
  }

  /** Decodes the string whose first content byte is at {@code first}, up to its closing quote. */
  String decode(int first) throws JsonException {
    byte[] buf = reader.buffer();
    int end = reader.end();
    length = 0;
    int i = first;
    while (true) {
      if (i >= end) {
        throw reader.unexpected(i, "'\"' to end the string");
      }
      int b = buf[i];
      if (b == '"') {
        reader.advanceTo(i + 1);
        return new String(chars, 0, length);
      }
      if (length + 2 > chars.length) {
        chars = Arrays.copyOf(chars, chars.length * 2);
      }
      if (b == '\\') {
        i = escape(buf, i, end);
      } else if (b >= 0x20) {
        chars[length++] = (char) b;
        i++;
      } else if (b >= 0) {
        throw reader.invalid(i, "unescaped control character 0x" + hex2(b) + " in a string");
      } else {
        i = utf8(buf, i, end);
      }
    }
  }

  /** Decodes the escape at {@code i} (a backslash); returns the index after it. */
  private int escape(byte[] buf, int i, int end) throws JsonException {
    if (i + 1 >= end) {
      throw reader.unexpected(i + 1, "an escape character");
    }
    char c;
    switch (buf[i + 1]) {
      case '"' -> c = '"';
      case '\\' -> c = '\\';
      case '/' -> c = '/';
      case 'b' -> c = '\b';
      case 'f' -> c = '\f';
      case 'n' -> c = '\n';
      case 'r' -> c = '\r';
      case 't' -> c = '\t';
      case 'u' -> {
        chars[length++] = (char) hex4(buf, i + 2, end);
        return i + 6;
      }
      default -> throw reader.unexpected(i + 1, "an escape character (one of \"\\/bfnrtu)");
    }
    chars[length++] = c;
    return i + 2;
  }

  private int hex4(byte[] buf, int i, int end) throws JsonException {
    int value = 0;
    for (int j = i; j < i + 4; j++) {
      int d = j < end ? Character.digit(buf[j], 16) : -1;
      if (d < 0 || buf[j] < 0) {
        throw reader.unexpected(j, "a hex digit in a \\u escape");
      }
      value = value << 4 | d;
    }
    return value;
  }

  /** Decodes the sequence led by the non-ASCII byte at {@code i}; returns the index after it. */
  private int utf8(byte[] buf, int i, int end) {
    int lead = buf[i] & 0xFF;
    int needed;
    int lower = 0x80;
    int upper = 0xBF;
    int codePoint;
    if (lead >= 0xC2 && lead <= 0xDF) {
      needed = 1;
      codePoint = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      needed = 2;
      codePoint = lead & 0x0F;
      lower = lead == 0xE0 ? 0xA0 : 0x80; // overlong below U+0800
      upper = lead == 0xED ? 0x9F : 0xBF; // surrogates U+D800..U+DFFF
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      needed = 3;
      codePoint = lead & 0x07;
      lower = lead == 0xF0 ? 0x90 : 0x80; // overlong below U+10000
      upper = lead == 0xF4 ? 0x8F : 0xBF; // above U+10FFFF
    } else {
      chars[length++] = REPLACEMENT;
      return i + 1;
    }
    int j = i + 1;
    for (int n = 0; n < needed; n++, j++) {
      int b = j < end ? buf[j] & 0xFF : -1;
      if (b < lower || b > upper) {
        // The offending byte is not consumed: it may start the next character (or end the string).
        chars[length++] = REPLACEMENT;
        return j;
      }
      lower = 0x80;
      upper = 0xBF;
      codePoint = codePoint << 6 | (b & 0x3F);
    }
    if (codePoint >= 0x10000) {
      chars[length++] = Character.highSurrogate(codePoint);
      chars[length++] = Character.lowSurrogate(codePoint);
    } else {
      chars[length++] = (char) codePoint;
    }
    return j;
  }

  private static String hex2(int b) {
    return "" + Character.forDigit((b >> 4) & 0xF, 16) + Character.forDigit(b & 0xF, 16);
  }
}
