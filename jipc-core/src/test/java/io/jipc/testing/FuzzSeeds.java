package io.jipc.testing;

import static io.jipc.testing.ByteMutator.bytes;
import static io.jipc.testing.ByteMutator.join;
import static io.jipc.testing.ByteMutator.utf8;
import static io.jipc.testing.ByteMutator.words;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The corpus that {@link ByteMutator} streams start from: node-ipc frames of many shapes, valid and
 * invalid, and the event names worth trying in them. Immutable; thread-safe.
 */
public final class FuzzSeeds {
  /** Event names worth trying: lifecycle, prototype, boundary lengths, escaped, allowed. */
  public static final List<String> EVENT_NAMES =
      Stream.concat(
              words(
                  "start connect disconnect destroy close socket.disconnected error data"
                      + " constructor __defineGetter__ __defineSetter__ hasOwnProperty"
                      + " __lookupGetter__ __lookupSetter__ isPrototypeOf propertyIsEnumerable"
                      + " toString valueOf __proto__ toLocaleString ping pong app.message é🌍"
                      + " con\\u0073tructor \\u005f_proto__ err\\u006fr a\\u0000b \\ud800"
                      + " tab\\there"),
              Stream.of(
                  "",
                  "x".repeat(128),
                  "x".repeat(129),
                  "x".repeat(256),
                  "x".repeat(257),
                  "é".repeat(256),
                  "🌍".repeat(128),
                  "🌍".repeat(129)))
          .toList();

  private FuzzSeeds() {}

  /**
   * Returns the seed corpus, each a frame with its delimiter unless noted: the canonical frames of
   * PROTOCOL.md §1, nested values, escapes, numbers of every form, integer-like and duplicate keys,
   * other shapes of the envelope, every name in {@link #EVENT_NAMES}, data nested 999 to 1001 deep,
   * and invalid frames (not JSON, not an object, bad type, invalid UTF-8, a BOM, an unterminated
   * one).
   */
  public static List<byte[]> frames() {
    List<String> frames =
        new ArrayList<>(
            List.of(
                "{\"type\":\"app.message\",\"data\":\"hello\"}",
                "{\"type\":\"app.message\",\"data\":{\"text\":\"hello\"}}",
                "{\"type\":\"x\",\"data\":{}}",
                "{\"type\":\"x\",\"data\":false}",
                "{\"type\":\"x\",\"data\":0}",
                "{\"type\":\"x\",\"data\":null}",
                "{\"type\":\"u\",\"data\":\"é🌍\"}",
                "{\"type\":\"d\",\"data\":\"a\\fb\"}",
                "{\"type\":\"n\",\"data\":{\"a\":[1,[2,[3,{\"b\":null}]]],\"c\":{\"d\":{\"e\":[]}},"
                    + "\"f\":[true,false,\"\",{}]}}",
                "{\"type\":\"esc\",\"data\":\"\\u00e9\\ud83c\\udf0d\\u0000\\u001f\\ud800 \\udfff"
                    + "\\\"\\\\\\/\\b\\f\\n\\r\\t\\u2028\u007f\"}",
                "{\"type\":\"num\",\"data\":[1e999999999,1e1000000001,-1e-1000000001,2e308,"
                    + "0e99999999999999999999,18446744073709551616,-9223372036854775809,2e-324,"
                    + "1.7976931348623157e308,0.30000000000000004,9007199254740993,-0.0]}",
                "{\"type\":\"num\",\"data\":[0,-0,1.5,-1.5e10,1E+21,1e-7,5e-324,1e400,1e-400,"
                    + "12345678901234567890.123e-5,-9223372036854775808,0.1]}",
                "{\"type\":\"k\",\"data\":{\"b\":1,\"2\":2,\"1\":1,\"01\":3,\"4294967294\":4,"
                    + "\"4294967295\":5,\"a\":6,\"-1\":7,\"\":8,\"b\":9}}",
                "{\"type\":\"many\",\"data\":{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,"
                    + "\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"10\":10,\"k3\":33,\"Aa\":1,\"BB\":2}}",
                "{\"id\":7,\"type\":\"extra\",\"data\":\"wire\",\"more\":[1]}",
                "{\"type\":\"first\",\"data\":1,\"type\":\"last\",\"data\":2}",
                " \r\n\t{ \"type\" : \"ws\" , \"data\" : \"wire\" } \n",
                "{\"data\":[1],\"type\":\"later\"}",
                "{\"type\":\"nodata\"}",
                "{\"type\":\"ping\",\"data\":1}",
                "{\"type\":\"pong\",\"data\":\"x\"}",
                "{not json",
                "",
                "  ",
                "[1,2]",
                "42",
                "null",
                "\"str\"",
                "{\"type\":5,\"data\":1}",
                "{\"type\":null}",
                "{\"type\":[\"a\"],\"data\":1}",
                "{\"data\":1}",
                "{\"type\":\"x\",\"data\":",
                "{\"type\":\"x\",\"data\":1}}",
                "{\"type\":\"x\",\"data\":1,}",
                "{'type':'x'}",
                "{\"type\":\"x\",\"data\":tru}"));
    for (String name : EVENT_NAMES) {
      frames.add("{\"type\":\"" + name + "\",\"data\":\"s3cr3t\"}");
    }
    for (int depth = 999; depth <= 1001; depth++) {
      String data = "[".repeat(depth) + "]".repeat(depth);
      frames.add("{\"type\":\"deep\",\"data\":" + data + "}");
      frames.add("{ \"type\":\"deep\",\"data\":" + data + "}");
    }
    List<byte[]> seeds = new ArrayList<>();
    frames.forEach(frame -> seeds.add(utf8(frame + "\f")));
    seeds.add(
        join(
            utf8("{\"type\":\""),
            bytes(0xFF),
            utf8("\",\"data\":\""),
            bytes(0xC0, 0x80, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xE2, 0x82),
            utf8("\"}\f")));
    seeds.add(join(bytes(0xEF, 0xBB, 0xBF), utf8("{\"type\":\"bom\",\"data\":1}\f")));
    seeds.add(join(utf8("{\"type\":\"x\",\"data\":"), bytes(0xC3, 0xA9), utf8("}\f")));
    seeds.add(utf8("{\"type\":\"partial\",\"data\":\"no delimiter yet"));
    seeds.add(utf8("\f\f"));
    return List.copyOf(seeds);
  }
}
