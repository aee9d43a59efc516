package io.jipc.internal;

import io.jipc.internal.loop.Loop;
import io.jipc.internal.loop.LoopTimer;
import java.io.IOException;

/**
 * What an endpoint refused (a connection over {@code maxConnections} or outside {@code
 * allowedPeerUsers}/{@code allowedPeerGroups}, a datagram from a sender beyond {@code
 * maxUdpPeers}), reported to its {@code error} handlers at most once per second: the first at once,
 * the ones after it within the second as one report with their count when the second is over. A
 * refused peer in a reconnect loop, or a flood of new senders, therefore costs one event per
 * second, not one per attempt, and nothing is left unreported. Loop thread only.
 */
final class Refusals {
  private static final long INTERVAL_NANOS = 1_000_000_000L;

  private final EndpointCore core;
  private final Loop loop;
  private final Lane lane;
  private long count; // Refused since the last report.
  private String last; // What the last refusal was.
  private long lastReport;
  private boolean reported;
  private LoopTimer pending;

  /** Reports for {@code core}, counting on {@code loop}, its handlers running on {@code lane}. */
  Refusals(EndpointCore core, Loop loop, Lane lane) {
    this.core = core;
    this.loop = loop;
    this.lane = lane;
  }

  /** Counts one refusal; {@code what} completes "server X refused …". */
  void refused(String what) {
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
    String counted = count == 1 ? "" : " (" + count + " refused since the last report)";
    count = 0;
    lastReport = now;
    reported = true;
    lane.error(new IOException(core.owner + " refused " + last + counted), null);
  }

  /** Drops what is not yet reported: the server closed. */
  void cancel() {
    if (pending != null) {
      pending.cancel();
      pending = null;
    }
  }
}
