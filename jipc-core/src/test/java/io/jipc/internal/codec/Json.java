package io.jipc.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Short forms of the codec calls for tests. */
final class Json {
  static final int DEPTH = 1000;

  private Json() {}

  static Object parse(String text) throws JsonException {
    return parse(utf8(text));
  }

  static Object parse(byte[] bytes) throws JsonException {
    return JsonReader.parse(bytes, 0, bytes.length, DEPTH);
  }

  static byte[] writeBytes(Object value) {
    ByteSink out = new ByteSink(16);
    JsonWriter.writeValue(value, out, DEPTH);
    return out.toByteArray();
  }

  static String write(Object value) {
    return new String(writeBytes(value), StandardCharsets.UTF_8);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
