package io.jipc.cli.bench;

import java.util.concurrent.CompletableFuture;

/**
 * What a bench client phase sends through: a stream client, or a UDP endpoint that sends to the
 * server. Replies reach the phase from whoever owns the link. Thread-safe.
 */
public interface Link {
  /** Sends one event; false if not connected. */
  boolean emit(String type, Object data);

  /** Returns the bytes queued and not yet written (always 0 over UDP). */
  long pendingBytes();

  /** Returns a future completed when what was queued so far is written. */
  CompletableFuture<Void> flush();
}
