package io.jipc.internal.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Random strings and byte strings that hit every class of code unit and UTF-8 byte. */
final class StringSamples {
  private static final char[] SPECIAL = {
    '"', '\\', '/', '\u007f', '\u2028', '\u2029', '\ufeff', '\ufffd', '\uffff', '\b', '\f'
  };

  private StringSamples() {}

  /** Returns a random UTF-16 string, lone surrogates included. */
  static String utf16(SplittableRandom random, int maxLength) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(maxLength + 1);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(10)) {
        case 0 -> s.append((char) random.nextInt(0x20));
        case 1 -> s.append(SPECIAL[random.nextInt(SPECIAL.length)]);
        case 2 -> s.append((char) random.nextInt(0x80, 0x800));
        case 3 -> s.append((char) random.nextInt(0x800, 0xD800));
        case 4 -> s.append((char) random.nextInt(0xD800, 0xE000)); // lone, or a pair by chance
        case 5 -> s.appendCodePoint(random.nextInt(0x10000, 0x110000));
        case 6 -> s.append((char) random.nextInt(0xE000, 0x10000));
        default -> s.append((char) random.nextInt(0x20, 0x7F));
      }
    }
    return s.toString();
  }

  /**
   * Returns random bytes, mostly UTF-8 fragments (valid, truncated, overlong, surrogate, out of
   * range), never a quote, a backslash or a control byte, so they fit inside a JSON string.
   */
  static byte[] utf8Noise(SplittableRandom random, int maxPieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pieces = random.nextInt(1, maxPieces + 1);
    for (int i = 0; i < pieces; i++) {
      switch (random.nextInt(5)) {
        case 0 -> out.write(random.nextInt(0x23, 0x5C)); // ASCII, no '"' or '\'
        case 1 -> out.write(random.nextInt(0x80, 0x100)); // any non-ASCII byte
        case 2 -> {
          byte[] valid =
              new String(Character.toChars(codePoint(random))).getBytes(StandardCharsets.UTF_8);
          out.write(valid, 0, random.nextInt(1, valid.length + 1)); // possibly truncated
        }
        case 3 -> {
          int[] leads = {0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xF8, 0xFF};
          out.write(leads[random.nextInt(leads.length)]);
        }
        default -> {
          int[] tails = {0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF};
          out.write(tails[random.nextInt(tails.length)]);
        }
      }
    }
    return out.toByteArray();
  }

  private static int codePoint(SplittableRandom random) {
    return switch (random.nextInt(3)) {
      case 0 -> random.nextInt(0x80, 0x800);
      case 1 -> random.nextInt(0x800, 0xD800);
      default -> random.nextInt(0x10000, 0x110000);
    };
  }

  /** Returns the code units of {@code s} as lowercase hex, comma-separated. */
  static String units(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      out.append(i == 0 ? "" : ",").append(Integer.toHexString(s.charAt(i)));
    }
    return out.toString();
  }
}
