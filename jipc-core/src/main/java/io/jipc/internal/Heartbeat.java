package io.jipc.internal;

import io.jipc.IpcProtocolException;
import io.jipc.internal.loop.Loop;
import io.jipc.internal.loop.LoopTimer;
import java.util.concurrent.TimeUnit;

/**
 * The heartbeat of one connection ({@code heartbeat}, {@code heartbeatTimeout}): when nothing has
 * arrived for an interval it sends a {@code jipc.ping} (at most one per interval), and when nothing
 * has arrived for the timeout it fails the connection with {@link
 * IpcProtocolException#HEARTBEAT_TIMEOUT}. Any bytes read count as a sign of life, so a busy
 * connection sends no pings at all. One loop timer, re-armed per interval. Loop thread only.
 */
final class Heartbeat {
  /** What the heartbeat acts on. */
  interface Line {
    /** Sends one ping. */
    void ping();

    /** Ends the connection: it has been silent too long. */
    void fail(Throwable cause);
  }

  private final Loop loop;
  private final Line line;
  private final long intervalNanos;
  private final long timeoutNanos;
  private final String peer;
  private long heardAt;
  private LoopTimer timer;
  private boolean stopped;

  /** Creates the heartbeat of a connection to {@code peer} run by {@code loop}. */
  Heartbeat(Loop loop, Line line, long intervalNanos, long timeoutNanos, String peer) {
    this.loop = loop;
    this.line = line;
    this.intervalNanos = intervalNanos;
    this.timeoutNanos = timeoutNanos;
    this.peer = peer;
  }

  /** Starts watching: the connection just opened, which counts as a sign of life. */
  void start() {
    heardAt = System.nanoTime();
    timer = loop.schedule(intervalNanos, this::tick);
  }

  /** Records a sign of life: bytes arrived. */
  void heard() {
    heardAt = System.nanoTime();
  }

  /** Stops for good: the connection ended. */
  void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  private void tick() {
    timer = null;
    if (stopped) {
      return;
    }
    long silent = System.nanoTime() - heardAt;
    if (silent >= timeoutNanos) {
      line.fail(
          new IpcProtocolException(
              IpcProtocolException.HEARTBEAT_TIMEOUT,
              "nothing arrived from "
                  + peer
                  + " for "
                  + TimeUnit.NANOSECONDS.toMillis(silent)
                  + " ms, heartbeatTimeout ("
                  + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                  + " ms): the peer is gone, stuck, or does not answer jipc.ping"));
      return;
    }
    if (silent >= intervalNanos) {
      line.ping();
    }
    long untilInterval = silent >= intervalNanos ? intervalNanos : intervalNanos - silent;
    timer = loop.schedule(Math.min(untilInterval, timeoutNanos - silent), this::tick);
  }
}
