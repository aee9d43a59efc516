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
 * Seeded mutation of node-ipc byte streams, shared by the codec fuzzers and the live-socket fuzzer.
 * A stream is one to four seeds (valid frames of many shapes and some invalid ones, see {@link
 * FuzzSeeds#frames()}) followed by a few mutations: bit flips, interesting bytes, insertions,
 * deletions, copies, splices of two seeds, delimiters added and removed, runs of structural
 * characters, data wrapped near the depth limit, huge and malformed numbers, invalid UTF-8,
 * escapes, odd whitespace, long strings, reserved and over-long event names, truncation.
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

  /** Returns a mutator over {@link FuzzSeeds#frames()}. */
  public static ByteMutator forFrames(int maxLength) {
    return new ByteMutator(FuzzSeeds.frames(), maxLength);
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

  /** Replaces the string after a {@code "type":"} with one of {@link FuzzSeeds#EVENT_NAMES}. */
  private static byte[] renameType(byte[] in, SplittableRandom r) {
    byte[] name = utf8(FuzzSeeds.EVENT_NAMES.get(r.nextInt(FuzzSeeds.EVENT_NAMES.size())));
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

  static byte[] join(byte[]... parts) {
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

  static Stream<String> words(String text) {
    return Arrays.stream(text.split(" "));
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
