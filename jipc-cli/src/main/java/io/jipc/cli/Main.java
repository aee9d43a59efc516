package io.jipc.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code jipc} command: talks to node-ipc peers from a terminal. Subcommands: {@code demo},
 * {@code serve}, {@code emit}, {@code listen} and {@code bench}.
 *
 * <p>Every failure is one line on stderr, {@code jipc <subcommand>: <what went wrong>}, and one of
 * these exit statuses: {@value #EXIT_OK} success, {@value #EXIT_FAILED} any other failure, {@value
 * #EXIT_USAGE} usage error (picocli's), {@value #EXIT_CONNECT} cannot connect (or bind), {@value
 * #EXIT_TIMEOUT} timed out waiting, {@value #EXIT_PROTOCOL} protocol error. A requested stop of
 * {@code serve}, {@code listen} or {@code bench server} (Ctrl-C, SIGTERM) ends with the command's
 * own status, 0, not the JVM's 128 + signal number: see {@link Lifetime}.
 */
@Command(
    name = "jipc",
    mixinStandardHelpOptions = true,
    version = "jipc 0.1.0",
    description = "Inter-process communication for the JVM, speaking node-ipc's protocol.",
    footer = {
      "",
      "Exit status: 0 ok, 1 failed, 2 usage error, 3 cannot connect or bind,",
      "4 timed out, 5 protocol error.",
      "Environment fallbacks for flags not given: JIPC_PROFILE, JIPC_ID,",
      "JIPC_SOCKET_ROOT, JIPC_TLS_KEY, JIPC_TLS_CERT, JIPC_TLS_CA, JIPC_TIMEOUT (emit)."
    },
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      EmitCommand.class,
      ListenCommand.class,
      BenchCommand.class
    })
public final class Main implements Runnable {
  /** Exit status: the command did what was asked. */
  public static final int EXIT_OK = 0;

  /** Exit status: a failure not covered by the codes below (a closed connection, I/O). */
  public static final int EXIT_FAILED = 1;

  /** Exit status: bad arguments or options (picocli's usage code). */
  public static final int EXIT_USAGE = 2;

  /** Exit status: cannot connect to the target, or a server cannot bind it. */
  public static final int EXIT_CONNECT = 3;

  /** Exit status: the awaited event (or benchmark progress) did not come in time. */
  public static final int EXIT_TIMEOUT = 4;

  /** Exit status: the profile refused an event or the peer broke the protocol. */
  public static final int EXIT_PROTOCOL = 5;

  /** The status {@link #main} exits with; incomplete until the command returned. */
  private static final CompletableFuture<Integer> MAIN_STATUS = new CompletableFuture<>();

  private static volatile boolean mainRuns;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    mainRuns = true;
    int status = commandLine().execute(args);
    System.out.flush();
    System.err.flush();
    MAIN_STATUS.complete(status);
    // During a shutdown this blocks; the Lifetime hook that waits for MAIN_STATUS halts with it.
    System.exit(status);
  }

  /**
   * Waits up to {@code timeout} for the status {@link #main} exits with. Empty when the command
   * line runs in-process (not through {@code main}) or does not end in time.
   */
  static OptionalInt awaitMainStatus(Duration timeout) {
    if (!mainRuns) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(MAIN_STATUS.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException | ExecutionException e) {
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  /**
   * Returns the command line with jipc's error handling: one line on stderr and the exit status of
   * the failure. Tests run it in-process with their own {@code setOut} and {@code setErr}.
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    // "@file" is a JSON argument (JsonArgument), not one of picocli's argument files.
    commandLine.setExpandAtFiles(false);
    commandLine.setParameterExceptionHandler(Main::usageError);
    commandLine.setExecutionExceptionHandler(Main::failure);
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine where = e.getCommandLine();
    PrintWriter err = where.getErr();
    String name = where.getCommandSpec().qualifiedName();
    err.println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
    err.flush();
    return EXIT_USAGE;
  }

  private static int failure(Exception e, CommandLine where, ParseResult parsed) {
    PrintWriter err = where.getErr();
    String name = where.getCommandSpec().qualifiedName();
    int code;
    String message;
    if (e instanceof CommandFailure failure) {
      code = failure.exitCode();
      message = failure.getMessage();
    } else {
      code = EXIT_FAILED;
      message = FailureText.describe(e);
    }
    err.println(name + ": " + message);
    err.flush();
    return code;
  }
}
