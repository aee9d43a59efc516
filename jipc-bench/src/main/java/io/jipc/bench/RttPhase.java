package io.jipc.bench;

import io.jipc.cli.bench.Payload;

/**
 * Round trips with a window: sends {@code min(window, count)} pings, then one new ping per pong
 * until {@code count} were sent, and ends when {@code count} pongs have arrived. Every pong must
 * carry the payload of the next ping in order. With {@code record}, each round trip's latency (just
 * before its send to just after its pong) is kept.
 *
 * <p>The main thread sends the first window and the reader thread the rest, so sends and checks
 * hold this phase's lock: a sequence number and its frame go out together and in order.
 */
final class RttPhase extends Phase {
  private final Link client;
  private final Payload out;
  private final Payload expected;
  private final long count;
  private final long window;
  private final long[] latencies;
  private long sent; // Guarded by this.
  private long received; // Guarded by this.
  private long sendNanos; // Guarded by this.
  private long startNanos; // Guarded by this.
  private long endNanos; // Guarded by this.

  RttPhase(String name, Link client, int payload, long count, long window, boolean record) {
    super(name);
    this.client = client;
    this.out = new Payload(payload);
    this.expected = new Payload(payload);
    this.count = count;
    this.window = Math.min(window, count);
    this.latencies = record ? new long[Math.toIntExact(count)] : null;
  }

  @Override
  void run(Watch watch) throws BenchFailure {
    synchronized (this) {
      startNanos = System.nanoTime();
      while (sent < window && !done.isDone()) {
        send();
      }
    }
    watch.await(done, progress);
  }

  private void send() {
    if (latencies != null) {
      sendNanos = System.nanoTime();
    }
    if (!client.emit("ping", out.set(sent))) {
      fail("not connected when sending ping " + sent);
    }
    sent++;
  }

  @Override
  synchronized void pong(Object data) {
    if (done.isDone()) {
      return;
    }
    long now = latencies != null ? System.nanoTime() : 0;
    if (!expected.matches(data, received)) {
      fail("pong " + received + " does not match ping " + received);
      return;
    }
    if (latencies != null) {
      latencies[(int) received] = now - sendNanos;
    }
    received++;
    progress.lazySet(received);
    if (received == count) {
      endNanos = System.nanoTime();
      done.complete(null);
    } else if (sent < count) {
      send();
    }
  }

  @Override
  synchronized long nanos() {
    return endNanos - startNanos;
  }

  /** Returns the round-trip latencies in nanoseconds, or null when not recorded. */
  long[] latencies() {
    return latencies;
  }
}
