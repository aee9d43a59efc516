package io.jipc.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A count of frames and bytes that one way of a connection or endpoint has carried, read by {@link
 * io.jipc.IpcStats} snapshots on any thread without a lock. Writers use {@link #add} when one
 * thread at a time writes (the loop that owns the count, or the holder of a lock that guards it): a
 * plain sum published with an opaque store, which costs what a plain store does. {@link #addShared}
 * is for counts that several threads write at once (a UDP endpoint's sends). Each count only grows.
 */
final class Meter {
  private static final VarHandle FRAMES;
  private static final VarHandle BYTES;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      FRAMES = lookup.findVarHandle(Meter.class, "frames", long.class);
      BYTES = lookup.findVarHandle(Meter.class, "bytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private long frames;
  private long bytes;

  /** Adds to the counts; only one thread at a time may call it (its owner, or under its lock). */
  void add(long frameCount, long byteCount) {
    FRAMES.setOpaque(this, frames + frameCount);
    BYTES.setOpaque(this, bytes + byteCount);
  }

  /** Adds to the counts atomically; any thread. */
  void addShared(long frameCount, long byteCount) {
    FRAMES.getAndAdd(this, frameCount);
    BYTES.getAndAdd(this, byteCount);
  }

  /** Returns the frames counted so far; any thread. */
  long frames() {
    return (long) FRAMES.getOpaque(this);
  }

  /** Returns the bytes counted so far; any thread. */
  long bytes() {
    return (long) BYTES.getOpaque(this);
  }
}
