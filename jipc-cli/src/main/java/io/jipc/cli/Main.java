package io.jipc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jipc} command: talks to node-ipc peers from a terminal. Subcommands so far: {@code
 * demo}.
 */
@Command(
    name = "jipc",
    mixinStandardHelpOptions = true,
    version = "jipc 0.1.0",
    description = "Inter-process communication for the JVM, speaking node-ipc's protocol.",
    subcommands = {DemoCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (for tests). */
  static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
