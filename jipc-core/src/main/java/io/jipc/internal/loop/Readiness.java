package io.jipc.internal.loop;

import java.nio.channels.SelectionKey;

/**
 * What a {@link Loop} calls when a registered channel is ready: the attachment of its key. Called
 * on the loop thread; it must not block, and it handles its own failures (the loop only logs what
 * escapes, as a defect).
 */
@FunctionalInterface
public interface Readiness {
  /** Serves {@code key}, whose {@link SelectionKey#readyOps()} say what is ready. */
  void ready(SelectionKey key);
}
