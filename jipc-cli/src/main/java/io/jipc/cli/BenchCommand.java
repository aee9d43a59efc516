package io.jipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jipc bench}: the workloads of the shared node-ipc bench harness, as a server ({@code bench
 * server}) and a load client ({@code bench client}) over every transport. Without a subcommand it
 * prints its usage.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark with the workloads of the node-ipc bench harness.",
      "Start `jipc bench server <target>`, then `jipc bench client <target>` (also",
      "against any harness server: node-ipc, the C reflector). The server answers",
      "ping with pong (same data), counts msg, answers fin with done <count>."
    },
    subcommands = {BenchServerCommand.class, BenchClientCommand.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
