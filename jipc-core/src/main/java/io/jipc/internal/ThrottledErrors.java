package io.jipc.internal;

import io.jipc.IpcSocket;
import io.jipc.internal.loop.Loop;
import io.jipc.internal.loop.LoopTimer;
import java.io.IOException;

/**
 * Errors of one kind that may come in floods, reported to an endpoint's {@code error} handlers at
 * most once per second: the first at once, the ones after it within the second as one report with
 * their count when the second is over. Used for what an endpoint refuses (a connection over {@code
 * maxConnections} or outside {@code allowedPeerUsers}/{@code allowedPeerGroups}, a datagram from a
 * sender beyond {@code maxUdpPeers}) and for replies that match no waiting request. A refused peer
 * in a reconnect loop, or a flood of new senders, therefore costs one event per second, not one per
 * attempt, and nothing is left unreported. Loop thread only.
 */
final class ThrottledErrors {
  private static final long INTERVAL_NANOS = 1_000_000_000L;

  /** Words one report. */
  @FunctionalInterface
  interface Report {
    /**
     * Returns the error for {@code count} occurrences since the last report, {@code last} the
     * latest.
     */
    Throwable of(String last, long count);
  }

  private final EndpointCore core;
  private final Loop loop;
  private final Lane lane;
  private final IpcSocket socket;
  private final Report report;
  private long count; // Since the last report.
  private String last; // What the last one was.
  private long lastReport;
  private boolean reported;
  private LoopTimer pending;

  /**
   * Reports for {@code core}, counting on {@code loop}, to the handlers on {@code lane} with {@code
   * socket} (null for endpoint-wide errors), worded by {@code report}.
   */
  ThrottledErrors(EndpointCore core, Loop loop, Lane lane, IpcSocket socket, Report report) {
    this.core = core;
    this.loop = loop;
    this.lane = lane;
    this.socket = socket;
    this.report = report;
  }

  /** Counts one occurrence; {@code what} describes it. */
  void add(String what) {
    count++;
    last = what;
    long now = System.nanoTime();
    if (!reported || now - lastReport >= INTERVAL_NANOS) {
      report(now);
    } else if (pending == null) {
      pending = loop.schedule(lastReport + INTERVAL_NANOS - now, this::reportPending);
    }
  }

  private void reportPending() {
    pending = null;
    if (count > 0 && !core.closed()) {
      report(System.nanoTime());
    }
  }

  private void report(long now) {
    Throwable error = report.of(last, count);
    count = 0;
    lastReport = now;
    reported = true;
    lane.error(error, socket);
  }

  /** Drops what is not yet reported: the endpoint or connection closed. */
  void cancel() {
    if (pending != null) {
      pending.cancel();
      pending = null;
    }
  }

  /** Returns the reports of what {@code core} refuses: "server X refused a connection: …". */
  static ThrottledErrors refusals(EndpointCore core, Loop loop, Lane lane) {
    return new ThrottledErrors(
        core,
        loop,
        lane,
        null,
        (last, count) ->
            new IOException(
                core.owner
                    + " refused "
                    + last
                    + (count == 1 ? "" : " (" + count + " refused since the last report)")));
  }
}
