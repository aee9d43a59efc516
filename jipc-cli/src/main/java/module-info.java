/**
 * The {@code jipc} command: demo, serve, emit, listen and bench against any node-ipc peer.
 *
 * <p>It reads and prints JSON with jipc-core's own codec, which core exports to this module alone.
 * The launcher ({@code ./jipc}, {@code java -jar jipc.jar}) runs it from the class path, where this
 * descriptor and core's qualified export do not apply and every package is reachable; on the module
 * path ({@code java -p … -m io.jipc.cli/io.jipc.cli.Main}) the same code runs as this module.
 * {@code io.jipc.cli.bench} holds what {@code jipc bench} shares with jipc-bench's harness server
 * and client, which use it from the class path; it is not exported.
 */
module io.jipc.cli {
  requires io.jipc;
  requires info.picocli;
  requires HdrHistogram;

  // picocli reads and writes the commands' annotated fields by reflection.
  opens io.jipc.cli to
      info.picocli;
}
