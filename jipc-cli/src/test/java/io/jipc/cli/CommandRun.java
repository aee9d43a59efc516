package io.jipc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code jipc} command line run in-process through {@link Main#commandLine()}, with stdout and
 * stderr captured line by line: synchronously ({@link #run}) or on a thread of its own ({@link
 * #start}) for servers and listeners, whose lines tests wait for with a timeout.
 */
final class CommandRun {
  static final Duration WAIT = Duration.ofSeconds(20);
  private static final Pattern PORT = Pattern.compile(":(\\d+)\\b");

  final Lines out = new Lines();
  final Lines err = new Lines();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private Thread thread;

  private CommandRun() {}

  /** Runs {@code args} on the calling thread and returns the finished run. */
  static CommandRun run(String... args) {
    CommandRun run = new CommandRun();
    run.exit.complete(run.execute(args));
    return run;
  }

  /** Starts {@code args} on a new thread. */
  static CommandRun start(String... args) {
    CommandRun run = new CommandRun();
    run.thread =
        new Thread(
            () -> {
              try {
                run.exit.complete(run.execute(args));
              } catch (Throwable t) {
                run.exit.completeExceptionally(t);
              }
            },
            "jipc-" + args[0]);
    run.thread.start();
    return run;
  }

  private int execute(String... args) {
    return Main.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  /** Returns the exit status, waiting (bounded) for a started run to end. */
  int exitCode() throws Exception {
    return exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Stops a started run as an embedding caller would (an interrupt) and returns its status. */
  int stop() throws Exception {
    thread.interrupt();
    return exitCode();
  }

  /** Waits for the stderr line with {@code "listening on "} and returns the port in it. */
  int listeningPort() throws InterruptedException {
    String line = err.await(l -> l.startsWith("listening on "));
    Matcher m = PORT.matcher(line.substring(line.lastIndexOf(':')));
    assertThat(m.find()).as(line).isTrue();
    return Integer.parseInt(m.group(1));
  }

  /**
   * Lines written to one stream: every complete line is kept and also queued for {@link #await}.
   * Thread-safe.
   */
  static final class Lines extends Writer {
    private final StringBuilder partial = new StringBuilder();
    private final List<String> all = new ArrayList<>();
    private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();

    @Override
    public synchronized void write(char[] buf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (buf[i] == '\n') {
          String line = partial.toString().replace("\r", "");
          partial.setLength(0);
          all.add(line);
          fresh.add(line);
        } else {
          partial.append(buf[i]);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    /** Returns the complete lines so far. */
    synchronized List<String> lines() {
      return List.copyOf(all);
    }

    /** Returns everything written so far, the unfinished line included. */
    synchronized String text() {
      return String.join("\n", all) + (all.isEmpty() ? "" : "\n") + partial;
    }

    /** Waits for the next not yet awaited line that matches, skipping others. */
    String await(Predicate<String> wanted) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        String line = fresh.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new AssertionError("no matching line within " + WAIT + "; got:\n" + text());
        }
        if (wanted.test(line)) {
          return line;
        }
      }
    }
  }
}
