package io.jipc;

import java.util.Locale;

/**
 * How strings are turned into bytes when sent in the {@link Profile#RAW raw} profile: node-ipc's
 * {@code encoding} option. Framed profiles always use UTF-8.
 */
public enum Encoding {
  /** UTF-8, node's {@code utf8}. The default. */
  UTF8("utf8"),
  /** Node's {@code ascii}: each UTF-16 unit's low 7 bits. */
  ASCII("ascii"),
  /** Node's {@code latin1}: each UTF-16 unit's low 8 bits. */
  LATIN1("latin1"),
  /** UTF-16 little endian, node's {@code utf16le} (alias {@code ucs2}). */
  UTF16LE("utf16le"),
  /** Base64 text decoded to bytes, node's {@code base64}. */
  BASE64("base64"),
  /** Hexadecimal text decoded to bytes, node's {@code hex}. */
  HEX("hex");

  private final String nodeName;

  Encoding(String nodeName) {
    this.nodeName = nodeName;
  }

  /** Returns node's name for this encoding. */
  public String nodeName() {
    return nodeName;
  }

  /**
   * Returns the encoding node calls {@code name} (case-insensitive; {@code utf-8}, {@code ucs2},
   * {@code ucs-2}, {@code utf-16le} and {@code binary} are accepted as node accepts them).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Encoding ofNodeName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "utf8", "utf-8" -> UTF8;
      case "ascii" -> ASCII;
      case "latin1", "binary" -> LATIN1;
      case "utf16le", "utf-16le", "ucs2", "ucs-2" -> UTF16LE;
      case "base64" -> BASE64;
      case "hex" -> HEX;
      default -> throw new IllegalArgumentException("unknown encoding \"" + name + "\"");
    };
  }
}
