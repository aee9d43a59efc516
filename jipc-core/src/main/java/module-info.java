/**
 * jipc: inter-process communication for the JVM that speaks node-ipc's wire protocol.
 *
 * <p>The only exported package is {@code io.jipc}; everything under {@code io.jipc.internal} may
 * change without notice.
 */
module io.jipc {
  requires jdk.jfr;
  requires jdk.net;

  exports io.jipc;
}
