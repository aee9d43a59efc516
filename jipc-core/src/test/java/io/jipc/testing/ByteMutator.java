package io.jipc.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Seeded mutation of node-ipc byte streams, shared by the codec fuzzer and the live-socket fuzzer.
 * A stream is one to four seeds (valid frames of many shapes and some invalid ones, see {@link
 * #frameSeeds()}) followed by a few mutations: bit flips, interesting bytes, insertions, deletions,
 * copies, splices of two seeds, delimiters added and removed, runs of structural characters, data
 * wrapped near the depth limit, huge and malformed numbers, invalid UTF-8, escapes, odd whitespace,
 * long strings, reserved and over-long event names, truncation.
 *
 * <p>Deterministic: everything comes from the {@link SplittableRandom} passed in, and {@link
 * #random(long, long)} derives the generator of input {@code index} from the run's seed alone, so
 * one input can be rebuilt from (seed, index). Immutable; thread-safe when each thread has its own
 * generator.
 */
public final class ByteMutator {
  /** node-ipc's default frame delimiter, {@code \f}. */
  public static final byte DELIMITER = 0x0C;

  private static final byte[] INTERESTING = bytes(0x00, 0x0C, 0x7F, 0x80, 0xBF, 0xC0, 0xFF);
  private static final byte[] ASCII = utf8("\"\\{}[]:,-+.0123456789eEtfnu \t\r\n");
  // Space-separated lists keep the tables short; none of the items contains a space.
  private static final String[] STRUCTURE =
      words("[ { ] } , : \" \\ {\"a\": [{\"a\": {\"type\": {\"0\": [1, \"\": null, [] {}")
          .toArray(String[]::new);
  private static final String[] NUMBERS =
      words(
              "0 -0 -0.0 1e+21 1e-7 5e-324 2e-324 1.7976931348623157e308 2e308 -2e308"
                  + " 9007199254740993 9223372036854775807 -9223372036854775808"
                  + " 9223372036854775808 -9223372036854775809 18446744073709551616 0.1 1E400"
                  + " 1e-400 1e999999999 1e1000000001 -1e-1000000001 1e2147483648 1e-2147483649"
                  + " 0e99999999999999999999 01 1. .5 - 1e 1e+ +1 0x10 NaN Infinity -Infinity"
                  + " 1_000 1.5e3.2 --1 0.30000000000000004 123456789012345678901234567890")
          .toArray(String[]::new);
  private static final byte[][] UTF8 =
      words(
              "c080 c1bf e08080 eda080 edbfbf f4908080 f5 f88880 ff fe 80 bf e282 f09f8c efbbbf"
                  + " c3a9 f09f8c8d e280a8")
          .map(HexFormat.of()::parseHex)
          .toArray(byte[][]::new);
  private static final String[] ESCAPES =
      words(
              "\\u0000 \\u000c \\u000C \\ud800 \\udfff \\ud83c\\udf0d \\u00zz \\u12 \\u"
                  + " \\x41 \\ \\\" \\/ \\b\\f\\n\\r\\t \\U0041 \\u0041 \\uFFFF \\'")
          .toArray(String[]::new);
  private static final String[] FILL = {"a", "\"", "\\", "0", "é", "🌍", " ", "{"};
  private static final String[] WHITESPACE = {
    " ", "\t", "\n", "\r", "  \r\n\t ", "\u000b", "\u00a0", "\u2028", "\ufeff"
  };

  /** Event names worth trying: lifecycle, prototype, boundary lengths, escaped, allowed. */
  public static final List<String> NAMES =
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

  private final List<byte[]> seeds;
  private final int maxLength;

  /**
   * Creates a mutator.
   *
   * @param seeds the corpus that streams start from
   * @param maxLength the longest stream returned; longer results are truncated
   */
  public ByteMutator(List<byte[]> seeds, int maxLength) {
    if (seeds.isEmpty() || maxLength < 1) {
      throw new IllegalArgumentException("need seeds and a positive maxLength, not " + maxLength);
    }
    this.seeds = List.copyOf(seeds);
    this.maxLength = maxLength;
  }

  /** Returns a mutator over {@link #frameSeeds()}. */
  public static ByteMutator forFrames(int maxLength) {
    return new ByteMutator(frameSeeds(), maxLength);
  }

  /**
   * Returns the seed corpus, each a frame with its delimiter unless noted: the canonical frames of
   * PROTOCOL.md §1, nested values, escapes, numbers of every form, integer-like and duplicate keys,
   * other shapes of the envelope, every name in {@link #NAMES}, data nested 999 to 1001 deep, and
   * invalid frames (not JSON, not an object, bad type, invalid UTF-8, a BOM, an unterminated one).
   */
  public static List<byte[]> frameSeeds() {
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
    for (String name : NAMES) {
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

  /** Returns the generator of input {@code index} of the run with {@code seed}. */
  public static SplittableRandom random(long seed, long index) {
    return new SplittableRandom(mix(mix(seed) + index));
  }

  /** Returns a fresh stream: seeds joined, then (nine times in ten) mutated. */
  public byte[] next(SplittableRandom random) {
    byte[] out = seed(random);
    for (int joined = random.nextInt(4) == 0 ? random.nextInt(1, 4) : 0; joined > 0; joined--) {
      out = cap(join(out, seed(random)));
    }
    if (random.nextInt(10) == 0) {
      return out;
    }
    int mutations = 1;
    while (mutations < 8 && random.nextBoolean()) {
      mutations++;
    }
    for (int i = 0; i < mutations; i++) {
      out = cap(mutate(out, random));
    }
    return out;
  }

  /**
   * Returns the lengths of the reads a stream of {@code length} bytes arrives in: whole, byte by
   * byte, fixed small reads, a few random cuts, or many small random reads. Every length is
   * positive and they add up to {@code length}; none for an empty stream.
   */
  public static int[] chunkLengths(SplittableRandom random, int length) {
    List<Integer> lengths = new ArrayList<>();
    int strategy = random.nextInt(5);
    int fixed = random.nextInt(1, 17);
    int cuts = random.nextInt(1, 9);
    for (int left = length; left > 0; ) {
      int n =
          switch (strategy) {
            case 0 -> left;
            case 1 -> length <= 512 ? 1 : random.nextInt(1, 65);
            case 2 -> fixed;
            case 3 -> cuts-- > 0 ? random.nextInt(1, left + 1) : left;
            default -> random.nextInt(1, random.nextBoolean() ? 8 : 300);
          };
      n = Math.min(n, left);
      lengths.add(n);
      left -= n;
    }
    return lengths.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Returns {@code stream} with each {@code \f} replaced by {@code delimiter}, and a few proper
   * prefixes of {@code delimiter} scattered in, for fuzzing custom delimiters.
   */
  public static byte[] withDelimiter(byte[] stream, byte[] delimiter, SplittableRandom random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(stream.length + 16);
    for (byte b : stream) {
      if (b == DELIMITER) {
        out.writeBytes(delimiter);
      } else {
        out.write(b);
      }
      if (delimiter.length > 1 && random.nextInt(64) == 0) {
        out.write(delimiter, 0, random.nextInt(1, delimiter.length));
      }
    }
    return out.toByteArray();
  }

  /** Returns up to {@code limit} bytes of {@code bytes} as hex, noting how many were left out. */
  public static String hex(byte[] bytes, int limit) {
    String shown = HexFormat.of().formatHex(bytes, 0, Math.min(limit, bytes.length));
    return bytes.length > limit ? shown + "… (" + (bytes.length - limit) + " more bytes)" : shown;
  }

  private byte[] seed(SplittableRandom random) {
    return seeds.get(random.nextInt(seeds.size()));
  }

  private byte[] cap(byte[] bytes) {
    return bytes.length > maxLength ? Arrays.copyOf(bytes, maxLength) : bytes;
  }

  /** Applies one random mutation. */
  byte[] mutate(byte[] in, SplittableRandom r) {
    int n = in.length;
    int at = r.nextInt(n + 1);
    return switch (r.nextInt(18)) {
      case 0 -> n == 0 ? in : flip(in, r.nextInt(n), 1 << r.nextInt(8));
      case 1 -> replace(in, at, at < n ? at + 1 : at, bytes(INTERESTING[r.nextInt(7)] & 0xFF));
      case 2 -> insert(in, at, randomBytes(r, r.nextInt(1, 9)));
      case 3 -> replace(in, at, Math.min(n, at + size(r, 32, n + 1)), new byte[0]);
      case 4 -> insert(in, at, copyOfRange(in, r));
      case 5 -> join(Arrays.copyOf(in, at), tail(seed(r), r));
      case 6 -> insert(in, at, new byte[] {DELIMITER});
      case 7 -> removeDelimiter(in, at);
      case 8 ->
          insert(in, at, utf8(STRUCTURE[r.nextInt(STRUCTURE.length)].repeat(size(r, 8, 1200))));
      case 9 -> wrapData(in, r);
      case 10 -> insert(in, at, utf8(number(r)));
      case 11 -> insert(in, at, UTF8[r.nextInt(UTF8.length)]);
      case 12 -> insert(in, at, utf8(ESCAPES[r.nextInt(ESCAPES.length)]));
      case 13 -> renameType(in, r);
      case 14 -> Arrays.copyOf(in, at);
      case 15 -> insert(in, at, utf8(WHITESPACE[r.nextInt(WHITESPACE.length)]));
      case 16 -> insert(in, at, utf8('"' + fill(r).repeat(size(r, 40, 6000))));
      default -> join(in, in.length * 2L <= maxLength ? in : new byte[0]);
    };
  }

  /** Mostly small sizes in [1, small), sometimes large ones in [1, large). */
  private static int size(SplittableRandom r, int small, int large) {
    return r.nextInt(1, r.nextInt(4) == 0 ? Math.max(2, large) : small);
  }

  private static String fill(SplittableRandom r) {
    return FILL[r.nextInt(FILL.length)];
  }

  private static byte[] randomBytes(SplittableRandom r, int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.nextBoolean() ? (byte) r.nextInt(256) : ASCII[r.nextInt(ASCII.length)];
    }
    return out;
  }

  private static byte[] copyOfRange(byte[] in, SplittableRandom r) {
    int from = r.nextInt(in.length + 1);
    return Arrays.copyOfRange(in, from, Math.min(in.length, from + size(r, 16, in.length + 1)));
  }

  private static byte[] tail(byte[] seed, SplittableRandom r) {
    return Arrays.copyOfRange(seed, r.nextInt(seed.length + 1), seed.length);
  }

  private static byte[] removeDelimiter(byte[] in, int from) {
    for (int k = 0; k < in.length; k++) {
      int i = (from + k) % in.length;
      if (in[i] == DELIMITER) {
        return replace(in, i, i + 1, new byte[0]);
      }
    }
    return insert(in, from, new byte[] {DELIMITER});
  }

  /** Wraps the value after a {@code "data":} in levels of arrays or objects, often near 1000. */
  private static byte[] wrapData(byte[] in, SplittableRandom r) {
    int data = indexOf(in, utf8("\"data\":"), r.nextInt(in.length + 1));
    if (data < 0) {
      return in;
    }
    int start = data + 7;
    int frameEnd = start;
    while (frameEnd < in.length && in[frameEnd] != DELIMITER) {
      frameEnd++;
    }
    int end = frameEnd; // the value ends before the last '}' of its frame
    while (end > start && in[end - 1] != '}') {
      end--;
    }
    end = end > start ? end - 1 : frameEnd;
    int levels = r.nextBoolean() ? r.nextInt(1, 9) : r.nextInt(995, 1006);
    boolean arrays = r.nextBoolean();
    return join(
        Arrays.copyOf(in, start),
        utf8((arrays ? "[" : "{\"k\":").repeat(levels)),
        Arrays.copyOfRange(in, start, end),
        utf8((arrays ? "]" : "}").repeat(levels)),
        Arrays.copyOfRange(in, end, in.length));
  }

  /** Replaces the string after a {@code "type":"} with one of {@link #NAMES}. */
  private static byte[] renameType(byte[] in, SplittableRandom r) {
    byte[] name = utf8(NAMES.get(r.nextInt(NAMES.size())));
    int type = indexOf(in, utf8("\"type\":\""), r.nextInt(in.length + 1));
    if (type < 0) {
      return join(in, utf8("{\"type\":\""), name, utf8("\",\"data\":1}\f"));
    }
    int start = type + 8;
    int end = start;
    while (end < in.length && in[end] != '"') {
      end += in[end] == '\\' ? 2 : 1;
    }
    return replace(in, start, Math.min(end, in.length), name);
  }

  private static String number(SplittableRandom r) {
    if (r.nextInt(3) == 0) {
      return NUMBERS[r.nextInt(NUMBERS.length)];
    }
    StringBuilder s = new StringBuilder();
    if (r.nextBoolean()) {
      s.append('-');
    }
    s.append(digits(r, size(r, 20, 3000)));
    if (r.nextBoolean()) {
      s.append('.').append(digits(r, size(r, 20, 3000)));
    }
    if (r.nextBoolean()) {
      s.append(r.nextBoolean() ? 'e' : 'E').append("+- ".charAt(r.nextInt(3)));
      s.append(r.nextInt(4) == 0 ? "999999999999" : digits(r, size(r, 4, 12)));
    }
    return s.toString().replace(" ", "");
  }

  private static String digits(SplittableRandom r, int n) {
    char[] out = new char[n];
    boolean zeros = r.nextInt(4) == 0;
    for (int i = 0; i < n; i++) {
      out[i] = zeros && i < n - 1 ? '0' : (char) ('0' + r.nextInt(10));
    }
    return new String(out);
  }

  private static int indexOf(byte[] in, byte[] what, int from) {
    for (int k = 0; k < in.length; k++) {
      int i = (from + k) % in.length;
      if (i + what.length <= in.length
          && Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] flip(byte[] in, int at, int mask) {
    byte[] out = in.clone();
    out[at] ^= (byte) mask;
    return out;
  }

  private static byte[] insert(byte[] in, int at, byte[] what) {
    return replace(in, at, at, what);
  }

  private static byte[] replace(byte[] in, int from, int to, byte[] what) {
    byte[] out = new byte[in.length - (to - from) + what.length];
    System.arraycopy(in, 0, out, 0, from);
    System.arraycopy(what, 0, out, from, what.length);
    System.arraycopy(in, to, out, from + what.length, in.length - to);
    return out;
  }

  private static byte[] join(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  private static Stream<String> words(String text) {
    return Arrays.stream(text.split(" "));
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
