package io.jipc.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.TestPki;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java code: every block is an excerpt of the example program it names, so a block
 * that drifts from its program fails here; and each program, run in a JVM of its own as a user
 * would run it, does what the README says.
 */
class ReadmeProgramsTest {
  /** The README's one-line log format (its Logging section). */
  private static final String ONE_LINE_LOG =
      "-Djava.util.logging.SimpleFormatter.format=%1$tT %4$s %5$s%6$s%n";

  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

  @TempDir Path dir;

  @Test
  void everyJavaBlockOfTheReadmeIsAnExcerptOfTheProgramItNames() throws Exception {
    List<ReadmeBlocks.Block> blocks = ReadmeBlocks.javaBlocks(REPOSITORY.resolve("README.md"));

    assertThat(blocks).hasSizeGreaterThanOrEqualTo(4);
    for (ReadmeBlocks.Block block : blocks) {
      assertThat(block.source())
          .as("README.md:%d: the line before the block links to its examples/ file", block.line())
          .isNotNull();
      List<String> program = Files.readAllLines(REPOSITORY.resolve(block.source()));
      assertThat(ReadmeBlocks.isExcerptOf(block.lines(), program))
          .as("README.md:%d is a run of lines of %s", block.line(), block.source())
          .isTrue();
    }
  }

  @Test
  void excerptCheckRejectsAChangedLineAndAcceptsOtherIndentation() {
    List<String> program = List.of("class A {", "  void a() {", "    call(1);", "  }", "}");

    assertThat(ReadmeBlocks.isExcerptOf(List.of("void a() {", "  call(1);", "}"), program))
        .isTrue();
    assertThat(ReadmeBlocks.isExcerptOf(List.of("void a() {", "  call(2);", "}"), program))
        .isFalse();
    assertThat(ReadmeBlocks.isExcerptOf(List.of("void a() {", "call(1);"), program)).isFalse();
  }

  @Test
  void quickStartHelloGetsWorldsAnswerAndSaysWhyItCannotReconnect() throws Exception {
    // The default socket root is $XDG_RUNTIME_DIR/node-ipc/: a private one for this test.
    Map<String, String> env = Map.of("XDG_RUNTIME_DIR", dir.toString());
    try (ProgramRun world = ProgramRun.start(World.class, dir, List.of(ONE_LINE_LOG), env);
        ProgramRun hello = ProgramRun.start(Hello.class, dir, List.of(ONE_LINE_LOG), env)) {
      hello.await(line -> line.endsWith(" INFO ## connected to world ##"));
      hello.await(line -> line.endsWith(" INFO got a message from world : hello world!"));
      String got = world.await(line -> line.contains("got a message :"));
      assertThat(got).matches("\\d\\d:\\d\\d:\\d\\d INFO got a message : hello");

      world.close();
      hello.await(line -> line.endsWith(" INFO disconnected from world"));
      String why = hello.await(line -> line.contains(" WARNING "));
      assertThat(why)
          .contains("cannot connect to " + dir.resolve("node-ipc").resolve("app.world"))
          .endsWith(
              "; retrying every 1500 ms;"
                  + " further failed attempts are logged at DEBUG until it connects");
    }
  }

  @Test
  void pricesPrintsTheAnswerAndTheErrorAndLeavesNoFileBehind() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    try (ProgramRun run =
        ProgramRun.start(Prices.class, dir, List.of("-Djava.io.tmpdir=" + tmp), Map.of())) {
      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).isEqualTo("tea costs 3\nE_UNKNOWN_ITEM: we sell no coffee");
    }
    try (var left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void watchPrintsTheServersStatsOnceASecondAndTheyOnlyGrow() throws Exception {
    try (ProgramRun run = ProgramRun.start(Watch.class, dir, List.of(), Map.of(), "2")) {
      assertThat(run.exitCode()).as(run.output()).isZero();
      List<String> lines = run.output().lines().toList();
      assertThat(lines).hasSize(2);
      Pattern line =
          Pattern.compile(
              "connections 1 \\(total 1\\), in (\\d+) frames \\d+ bytes, out (\\d+) frames"
                  + " \\d+ bytes, queued \\d+ bytes, errors 0");
      long before = 0;
      for (String printed : lines) {
        Matcher counts = line.matcher(printed);
        assertThat(counts.matches()).as(printed).isTrue();
        long in = Long.parseLong(counts.group(1));
        assertThat(in).as("pings answered so far").isGreaterThan(before);
        before = in;
      }
    }
  }

  @Test
  void mutualTlsEachSideVerifiesTheOther() throws Exception {
    TestPki pki = TestPki.shared();
    Files.copy(pki.server().keyFile(), dir.resolve("server.key"));
    Files.copy(pki.server().certFile(), dir.resolve("server.crt"));
    Files.copy(pki.client().keyFile(), dir.resolve("client.key"));
    Files.copy(pki.client().certFile(), dir.resolve("client.crt"));
    Files.copy(pki.caFile(), dir.resolve("ca.crt"));

    try (ProgramRun run = ProgramRun.start(MutualTls.class, dir, List.of(), Map.of(), "0")) {
      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output().lines())
          .containsExactly(
              "the client verified " + subject(pki.server().certFile()),
              "the server verified " + subject(pki.client().certFile()));
    }
  }

  private static String subject(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      X509Certificate leaf =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return leaf.getSubjectX500Principal().getName();
    }
  }
}
