/**
 * jipc: inter-process communication for the JVM that speaks node-ipc's wire protocol.
 *
 * <p>The only exported package is {@code io.jipc}; everything under {@code io.jipc.internal} may
 * change without notice. The JSON codec is exported to the {@code jipc} command alone, so that it
 * reads and prints JSON exactly as jipc sends it; on the class path, where qualified exports do not
 * apply, it is as reachable as any other internal package.
 */
module io.jipc {
  requires jdk.jfr;
  requires jdk.net;

  exports io.jipc;
  exports io.jipc.internal.codec to
      io.jipc.cli;
}
