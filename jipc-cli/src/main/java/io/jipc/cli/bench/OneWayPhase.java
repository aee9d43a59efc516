package io.jipc.cli.bench;

import java.util.Map;

/**
 * The harness's {@code oneway} workload: sends {@code count} {@code msg} events as fast as the
 * connection takes them, then {@code fin}, and ends when the server's {@code done} reports exactly
 * {@code count}. Over UDP a lost datagram makes the count fall short, which fails the run.
 *
 * <p>Backpressure: every {@value #CHECK_EVERY} messages the sender looks at the bytes still queued,
 * and above {@code highWater} waits (bounded by the {@link Watch}) until they are written, so the
 * queue never holds much more than {@code highWater} bytes.
 */
public final class OneWayPhase extends Phase {
  /** Messages between two looks at the queue: a power of two. */
  static final int CHECK_EVERY = 64;

  private final Link link;
  private final Payload out;
  private final long count;
  private final long highWater;
  private long startNanos; // Written by the client's thread before fin is sent.
  private volatile long endNanos;

  public OneWayPhase(String name, Link link, int payload, long count, long highWater) {
    super(name, count);
    this.link = link;
    this.out = new Payload(payload);
    this.count = count;
    this.highWater = highWater;
  }

  @Override
  public void run(Watch watch) throws BenchFailure {
    startNanos = System.nanoTime();
    for (long i = 0; i < count; i++) {
      if (!link.emit("msg", out.set(i))) {
        throw new BenchFailure(
            BenchFailure.Kind.FAILED,
            "not connected when sending msg " + i + " (phase " + name() + ")");
      }
      if ((i & (CHECK_EVERY - 1)) == 0) {
        progress.lazySet(i);
        if (link.pendingBytes() > highWater) {
          watch.await(link.flush(), this);
        }
        if (done.isDone()) {
          break;
        }
      }
    }
    progress.lazySet(count - 1);
    link.emit("fin", Map.of());
    watch.await(this);
  }

  @Override
  public void finished(Object data) {
    endNanos = System.nanoTime();
    if (data instanceof Number counted && counted.longValue() == count) {
      progress.set(count);
      done.complete(null);
    } else {
      fail(
          BenchFailure.Kind.WRONG_REPLY,
          "the server counted " + data + " of " + count + " messages");
    }
  }

  @Override
  public long nanos() {
    return endNanos - startNanos;
  }
}
