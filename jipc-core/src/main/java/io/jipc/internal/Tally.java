package io.jipc.internal;

import io.jipc.IpcStats;

/**
 * A running sum of connections' counts, turned into an {@link IpcStats}: what a {@link Ledger}
 * keeps of its closed connections, and what a snapshot adds the open ones to. Not thread-safe: a
 * ledger guards its own, and a snapshot's belongs to the reading thread.
 */
final class Tally {
  private long open;
  private long total;
  private long framesIn;
  private long bytesIn;
  private long framesOut;
  private long bytesOut;
  private long queued;
  private long pending;
  private long answered;
  private long failed;
  private long timedOut;

  Tally() {}

  private Tally(Tally from) {
    open = from.open;
    total = from.total;
    framesIn = from.framesIn;
    bytesIn = from.bytesIn;
    framesOut = from.framesOut;
    bytesOut = from.bytesOut;
    queued = from.queued;
    pending = from.pending;
    answered = from.answered;
    failed = from.failed;
    timedOut = from.timedOut;
  }

  /** Returns a copy to add to. */
  Tally copy() {
    return new Tally(this);
  }

  /** Adds the counts of {@code connection}; {@code closed} once it has closed for good. */
  void add(Connection connection, boolean closed) {
    if (connection.started()) {
      total++;
      if (!closed && connection.isOpen()) {
        open++;
      }
    }
    Meter in = connection.received();
    framesIn += in.frames();
    bytesIn += in.bytes();
    Meter out = connection.sent();
    framesOut += out.frames();
    bytesOut += out.bytes();
    if (!closed) {
      queued += connection.pendingBytes();
    }
    PendingRequests requests = connection.requestsIfAny();
    if (requests != null) {
      IpcStats.Requests counts = requests.counts();
      pending += closed ? 0 : counts.pending();
      answered += counts.answered();
      failed += counts.failed();
      timedOut += counts.timedOut();
    }
  }

  /** Returns the sum as stats, with {@code reconnects} and the endpoint's {@code errors}. */
  IpcStats toStats(long reconnects, IpcStats.Errors errors) {
    return new IpcStats(
        new IpcStats.Connections(open, total, reconnects),
        new IpcStats.Traffic(framesIn, bytesIn),
        new IpcStats.Traffic(framesOut, bytesOut),
        queued,
        errors,
        new IpcStats.Requests(pending, answered, failed, timedOut));
  }

  /** Returns the stats of one connection alone. */
  static IpcStats of(Connection connection) {
    Tally one = new Tally();
    one.add(connection, false);
    return one.toStats(0, connection.errorCounts().snapshot());
  }

  /** Returns how many connections ever connected. */
  long total() {
    return total;
  }
}
