package io.jipc.internal;

import java.util.ArrayDeque;
import java.util.function.Predicate;

/**
 * node-ipc's sync mode for a client: one frame in flight; the others wait here until any event (or,
 * raw, any chunk) arrives, which releases the next. Bounded by {@code maxPendingBytes}. A new
 * connection starts with nothing in flight. Thread-safe.
 */
final class SyncQueue {
  private final ArrayDeque<byte[]> waiting = new ArrayDeque<>(); // Guarded by this.
  private final long maxBytes;
  private long bytes; // Guarded by this.
  private boolean inFlight; // Guarded by this.

  SyncQueue(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Result of {@link #offer}. */
  enum Offer {
    SEND_NOW,
    QUEUED,
    FULL
  }

  /** Either claims the single in-flight slot for {@code frame} or queues it. */
  synchronized Offer offer(byte[] frame) {
    if (!inFlight) {
      inFlight = true;
      return Offer.SEND_NOW;
    }
    if (bytes + frame.length > maxBytes) {
      return Offer.FULL;
    }
    waiting.add(frame);
    bytes += frame.length;
    return Offer.QUEUED;
  }

  /** An answer arrived: sends the next queued frame through {@code send}, or frees the slot. */
  void next(Predicate<byte[]> send) {
    byte[] frame;
    synchronized (this) {
      frame = waiting.poll();
      if (frame == null) {
        inFlight = false;
        return;
      }
      bytes -= frame.length;
    }
    send.test(frame);
  }

  /** A new connection: nothing is in flight; sends the oldest queued frame, if any. */
  void restart(Predicate<byte[]> send) {
    synchronized (this) {
      inFlight = true;
    }
    next(send);
  }
}
