package io.jipc.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The counts of an endpoint's connections (a server's sockets, a client's connections across
 * reconnects): the connections still running, read when asked, and the sum of the closed ones, into
 * which each connection's counts are folded when it closes. One lock orders the fold and the reads,
 * so a connection is summed either live or folded, never both or neither, and every count a
 * snapshot shows is at least what an earlier one showed. The lock is taken once per connection's
 * open and close and once per snapshot, never per frame. Thread-safe.
 */
final class Ledger {
  private final Set<Connection> live = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Tally closed = new Tally(); // Guarded by this.

  /** Starts counting {@code connection}, made and not yet open. */
  synchronized void add(Connection connection) {
    live.add(connection);
  }

  /** Folds the final counts of {@code connection}, which closed, into the closed ones. */
  synchronized void retire(Connection connection) {
    if (live.remove(connection)) {
      closed.add(connection, true);
    }
  }

  /** Returns the sum of every connection's counts now, the closed ones' included. */
  synchronized Tally sum() {
    Tally sum = closed.copy();
    for (Connection connection : live) {
      sum.add(connection, false);
    }
    return sum;
  }
}
