package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code keepAlive} turns on TCP keep-alive on both ends of a TCP connection, and it is off by
 * default. Read from Linux's {@code /proc/net/tcp} and {@code tcp6}, where an established socket
 * with keep-alive has its keep-alive timer running ({@code tr} 2); skipped where that file does not
 * exist.
 */
class KeepAliveTest {
  private static final Path PROC_TCP = Path.of("/proc/net/tcp");
  // The JDK's sockets are often IPv6 ones carrying IPv4 (::ffff:127.0.0.1): they are listed here.
  private static final Path PROC_TCP6 = Path.of("/proc/net/tcp6");

  @Test
  void keepAliveArmsTheKernelsTimerOnBothEnds() throws Exception {
    assertThat(timers(true)).containsExactly("02", "02");
  }

  @Test
  void withoutKeepAliveNoTimerRuns() throws Exception {
    assertThat(timers(false)).containsExactly("00", "00");
  }

  /** Returns the timer kind of the server's and the client's socket of one idle connection. */
  private static List<String> timers(boolean keepAlive) throws Exception {
    Assumptions.assumeTrue(Files.isReadable(PROC_TCP), "needs Linux's /proc/net/tcp");
    IpcConfig config = IpcConfig.builder().silent(true).keepAlive(keepAlive).build();
    try (IpcServer server = IpcServer.create(Endpoint.tcp("127.0.0.1", 0), config)) {
      EventRecorder events = new EventRecorder().record(server, "server");
      server.start();
      int port = ((Endpoint.Tcp) server.endpoint()).port();
      try (IpcClient client = IpcClient.create(server.endpoint(), config)) {
        client.connect().get(10, TimeUnit.SECONDS);
        events.skipTo("server", "connect");
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        String serverEnd = null;
        String clientEnd = null;
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(PROC_TCP));
        if (Files.isReadable(PROC_TCP6)) {
          lines.addAll(Files.readAllLines(PROC_TCP6));
        }
        for (String line : lines) {
          String[] fields = line.trim().split("\\s+");
          if (fields.length < 6 || !fields[3].equals("01")) {
            continue; // the header, or not ESTABLISHED
          }
          String timer = fields[5].substring(0, 2);
          if (fields[1].endsWith(hexPort)) {
            serverEnd = timer;
          } else if (fields[2].endsWith(hexPort)) {
            clientEnd = timer;
          }
        }
        return java.util.Arrays.asList(serverEnd, clientEnd);
      }
    }
  }
}
