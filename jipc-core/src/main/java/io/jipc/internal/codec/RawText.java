package io.jipc.internal.codec;

import io.jipc.Encoding;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns a string into bytes the way node's {@code Buffer.from(string, encoding)} does, for strings
 * sent in the raw profile. Stateless and thread-safe.
 */
public final class RawText {
  private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

  private RawText() {}

  /**
   * Encodes {@code text}; invalid base64 or hex input is cut at the first bad unit, as node does.
   */
  public static byte[] encode(String text, Encoding encoding) {
    return switch (encoding) {
      case UTF8 -> utf8(text);
      case ASCII, LATIN1 -> lowBytes(text);
      case UTF16LE -> text.getBytes(StandardCharsets.UTF_16LE);
      case BASE64 -> base64(text);
      case HEX -> hex(text);
    };
  }

  /** UTF-8 with each lone surrogate replaced by U+FFFD (Java's default would write '?'). */
  private static byte[] utf8(String text) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(REPLACEMENT);
    try {
      ByteBuffer out = encoder.encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[out.remaining()];
      out.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("UTF-8 encoder with REPLACE failed", e);
    }
  }

  /** node's latin1, and its ascii when encoding: the low 8 bits of each UTF-16 unit. */
  private static byte[] lowBytes(String text) {
    byte[] bytes = new byte[text.length()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) text.charAt(i);
    }
    return bytes;
  }

  /** node accepts both alphabets, skips whitespace and stops at padding or a bad character. */
  private static byte[] base64(String text) {
    StringBuilder clean = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '-') {
        clean.append('+');
      } else if (c == '_') {
        clean.append('/');
      } else if (isBase64(c)) {
        clean.append(c);
      } else if (!Character.isWhitespace(c)) {
        break;
      }
    }
    int usable = clean.length() - clean.length() % 4;
    if (clean.length() % 4 == 1) {
      clean.setLength(usable);
    }
    return Base64.getDecoder().decode(pad(clean));
  }

  private static String pad(StringBuilder base64) {
    while (base64.length() % 4 != 0) {
      base64.append('=');
    }
    return base64.toString();
  }

  private static boolean isBase64(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/';
  }

  private static byte[] hex(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2);
    for (int i = 0; i + 1 < text.length(); i += 2) {
      int high = hexDigit(text.charAt(i));
      int low = hexDigit(text.charAt(i + 1));
      if (high < 0 || low < 0) {
        break;
      }
      out.write(high << 4 | low);
    }
    return out.toByteArray();
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }
}
