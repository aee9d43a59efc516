package io.jipc.internal.codec;

import static io.jipc.internal.codec.Json.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.NodeRuntime;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Checks the codec against Node 22's own {@code JSON.parse}, {@code JSON.stringify} and UTF-8. */
class JsonNodeInteropTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final long SEED = Long.getLong("jipc.jsonSeed", 20_240_601L);

  @Test
  void readingAndRewritingNodesOutputGivesTheSameBytes() throws Exception {
    byte[] corpus =
        NodeRuntime.get()
            .run("json-corpus.mjs", List.of(String.valueOf(SEED), "20000"), new byte[0], TIMEOUT);
    List<byte[]> lines = lines(corpus);
    CorpusStats stats = new CorpusStats();

    assertThat(lines).hasSize(20_000);
    for (int i = 0; i < lines.size(); i++) {
      byte[] line = lines.get(i);
      Object value = Json.parse(line);
      stats.add(value);
      assertThat(hex(Json.writeBytes(value)))
          .as("value %d (seed %d)", i, SEED)
          .isEqualTo(hex(line));
    }
    // JSON.stringify prints only doubles, each in its shortest form, which reads as Long or Double.
    assertThat(stats.bigDecimals).isZero();
    assertThat(stats.doubles).isGreaterThan(5_000);
    assertThat(stats.indexKeys).isGreaterThan(1_000);
    assertThat(stats.nonAsciiStrings).isGreaterThan(5_000);
  }

  @Test
  void writerPrintsDoublesAndStringsExactlyAsJsonStringify() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    List<Double> doubles = NumberSamples.doubles(random, 100_000);
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      strings.add(StringSamples.utf16(random, 24));
    }
    StringBuilder requests = new StringBuilder();
    for (double d : doubles) {
      requests.append(String.format("d %016x%n", Double.doubleToRawLongBits(d)));
    }
    for (String s : strings) {
      requests.append("s ").append(StringSamples.units(s)).append('\n');
    }

    List<byte[]> answers = ask(requests.toString());

    assertThat(answers).hasSize(doubles.size() + strings.size());
    for (int i = 0; i < doubles.size(); i++) {
      double d = doubles.get(i);
      assertThat(new String(Json.writeBytes(d), StandardCharsets.US_ASCII))
          .as("bits %016x", Double.doubleToRawLongBits(d))
          .isEqualTo(new String(answers.get(i), StandardCharsets.US_ASCII));
    }
    for (int i = 0; i < strings.size(); i++) {
      String s = strings.get(i);
      assertThat(hex(Json.writeBytes(s)))
          .as("units %s", StringSamples.units(s))
          .isEqualTo(hex(answers.get(doubles.size() + i)));
    }
  }

  @Test
  void invalidUtf8InStringsBecomesWhatNodeDecodes() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    List<byte[]> samples = new ArrayList<>();
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      byte[] bytes = StringSamples.utf8Noise(random, 12);
      samples.add(bytes);
      requests.append("u ").append(hex(bytes)).append('\n');
    }

    List<byte[]> answers = ask(requests.toString());

    assertThat(answers).hasSize(samples.size());
    for (int i = 0; i < samples.size(); i++) {
      byte[] bytes = samples.get(i);
      byte[] quoted = new byte[bytes.length + 2];
      quoted[0] = '"';
      System.arraycopy(bytes, 0, quoted, 1, bytes.length);
      quoted[quoted.length - 1] = '"';
      String decoded = (String) Json.parse(quoted);
      assertThat(StringSamples.units(decoded))
          .as("bytes %s", hex(bytes))
          .isEqualTo(new String(answers.get(i), StandardCharsets.US_ASCII));
    }
  }

  private static List<byte[]> ask(String requests) throws Exception {
    byte[] out =
        NodeRuntime.get()
            .run(
                "json-oracle.mjs",
                List.of(),
                requests.getBytes(StandardCharsets.ISO_8859_1),
                TIMEOUT);
    return lines(out);
  }

  /** Splits on '\n', dropping the final empty piece. */
  static List<byte[]> lines(byte[] out) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == '\n') {
        lines.add(Arrays.copyOfRange(out, start, i));
        start = i + 1;
      }
    }
    if (start < out.length) {
      lines.add(Arrays.copyOfRange(out, start, out.length));
    }
    return lines;
  }

  /** Counts what the corpus held, so that a degenerate corpus fails the test. */
  private static final class CorpusStats {
    int doubles;
    int bigDecimals;
    int indexKeys;
    int nonAsciiStrings;

    void add(Object value) {
      if (value instanceof Double) {
        doubles++;
      } else if (value instanceof BigDecimal) {
        bigDecimals++;
      } else if (value instanceof String s) {
        nonAsciiStrings += s.chars().anyMatch(c -> c >= 0x80) ? 1 : 0;
      } else if (value instanceof List<?> list) {
        list.forEach(this::add);
      } else if (value instanceof Map<?, ?> map) {
        boolean pastIndices = false;
        String previousIndex = null;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          String key = (String) e.getKey();
          boolean index = KeyOrder.isArrayIndex(key);
          // The reader's order, checked on its own: the writer would hide a mistake by reordering.
          assertThat(index && pastIndices).as("index key %s after a named key", key).isFalse();
          if (index) {
            indexKeys++;
            assertThat(
                    previousIndex == null || KeyOrder.INDEX_ORDER.compare(previousIndex, key) < 0)
                .as("index keys ascending: %s then %s", previousIndex, key)
                .isTrue();
            previousIndex = key;
          }
          pastIndices |= !index;
          add(key);
          add(e.getValue());
        }
      }
    }
  }
}
