package io.jipc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code jipc} command line run as a child JVM ({@code java -cp <test classpath>
 * io.jipc.cli.Main ...}), as a user runs it: through {@link Main#main}, with its own stdin, and
 * stoppable by a signal. Its stdout and stderr are captured line by line like {@link CommandRun}'s.
 * Every child is killed at {@link #close()} if it still runs.
 */
final class ChildCommand implements AutoCloseable {
  final CommandRun.Lines out = new CommandRun.Lines();
  final CommandRun.Lines err = new CommandRun.Lines();
  private final Process process;

  private ChildCommand(Process process) {
    this.process = process;
    pump(process.getInputStream(), out, "out");
    pump(process.getErrorStream(), err, "err");
  }

  /** Starts {@code args}; {@code stdin} (may be null: none) is written and closed at once. */
  static ChildCommand start(String stdin, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    // Surefire runs this module's tests on the module path; the child runs on the class path, as
    // the launcher does, so it takes both.
    String modulePath = System.getProperty("jdk.module.path", "");
    String classPath = System.getProperty("java.class.path", "");
    command.add(
        modulePath.isEmpty() ? classPath : modulePath + java.io.File.pathSeparator + classPath);
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    return new ChildCommand(process);
  }

  /**
   * Returns true if this JVM ignores SIGINT, as every process started in the background by a
   * non-interactive shell does; children inherit that, so Ctrl-C cannot reach them.
   */
  static boolean sigintIgnored() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
        return (ignored & (1L << (2 - 1))) != 0; // bit n-1 for signal n; SIGINT is 2
      }
    }
    return false;
  }

  /** Sends {@code signal} (such as {@code "INT"}) to the child, by its PID. */
  void signal(String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    if (!kill.waitFor(CommandRun.WAIT.toSeconds(), TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /** Waits (bounded) for the child to end and returns its exit status. */
  int exitCode() throws InterruptedException {
    if (!process.waitFor(CommandRun.WAIT.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError(
          "still running after " + CommandRun.WAIT + "; stderr:\n" + err.text());
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static void pump(InputStream stream, CommandRun.Lines lines, String name) {
    Thread pump =
        new Thread(
            () -> {
              char[] buf = new char[4096];
              try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                for (int n; (n = reader.read(buf)) >= 0; ) {
                  lines.write(buf, 0, n);
                }
              } catch (IOException closed) {
                // The child ended; what it wrote is in lines.
              }
            },
            "jipc-child-" + name);
    pump.setDaemon(true);
    pump.start();
  }
}
