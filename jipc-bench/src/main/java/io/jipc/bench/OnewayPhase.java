package io.jipc.bench;

import io.jipc.cli.bench.Payload;
import java.util.Map;

/**
 * One-way throughput: sends {@code count} {@code msg} events as fast as the connection takes them,
 * then {@code fin}, and ends when the server's {@code done} reports exactly {@code count}.
 *
 * <p>Backpressure: every {@value #CHECK_EVERY} messages the sender looks at the bytes still queued,
 * and above {@code highWater} waits (sleeping, bounded by the {@link Watch}) until they are
 * written, so the queue never holds much more than {@code highWater} bytes and never reaches {@code
 * maxPendingBytes}.
 */
final class OnewayPhase extends Phase {
  /** Messages between two looks at the queue: a power of two. */
  static final int CHECK_EVERY = 64;

  private final Link client;
  private final Payload out;
  private final long count;
  private final long highWater;
  private long startNanos; // Written by the main thread before fin is sent.
  private volatile long endNanos;

  OnewayPhase(String name, Link client, int payload, long count, long highWater) {
    super(name);
    this.client = client;
    this.out = new Payload(payload);
    this.count = count;
    this.highWater = highWater;
  }

  @Override
  void run(Watch watch) throws BenchFailure {
    startNanos = System.nanoTime();
    for (long i = 0; i < count; i++) {
      if (!client.emit("msg", out.set(i))) {
        throw new BenchFailure("not connected when sending msg " + i);
      }
      if ((i & (CHECK_EVERY - 1)) == 0) {
        progress.lazySet(i);
        if (client.pendingBytes() > highWater) {
          watch.await(client.flush(), progress);
        }
        if (done.isDone()) {
          break;
        }
      }
    }
    progress.lazySet(count);
    client.emit("fin", Map.of());
    watch.await(done, progress);
  }

  @Override
  void done(Object data) {
    endNanos = System.nanoTime();
    if (data instanceof Number counted && counted.longValue() == count) {
      progress.incrementAndGet();
      done.complete(null);
    } else {
      fail("server counted " + data + " of " + count + " messages");
    }
  }

  @Override
  long nanos() {
    return endNanos - startNanos;
  }
}
