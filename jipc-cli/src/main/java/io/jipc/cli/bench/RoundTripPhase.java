package io.jipc.cli.bench;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The harness's {@code rtt} workload: sends {@code min(window, count)} pings, then one new ping per
 * pong until {@code count} were sent, and ends when {@code count} pongs arrived. Each pong must
 * carry the payload of a ping in flight: on stream transports the oldest one (in order); over UDP
 * any one not yet answered, found by the sequence number in its payload, as the harness allows.
 *
 * <p>With a recorder, every round trip's latency is recorded, from just before its ping is sent to
 * just after its pong arrived, in nanoseconds; with a window above 1 that includes the time the
 * ping waited behind the others in flight. Send times live in a ring of slots, one per ping in
 * flight; a UDP pong so late that its slot is needed again fails the run as a lost datagram.
 *
 * <p>The client's thread sends the first window and the link's thread the rest, so sends and checks
 * hold this phase's lock: a sequence number and its frame go out together and in order.
 */
public final class RoundTripPhase extends Phase {
  private final Link link;
  private final Payload out;
  private final Payload expected;
  private final long count;
  private final long window;
  private final boolean anyOrder;
  private final int slotMask;
  private final long[] slotSeq; // Guarded by this. -1: free.
  private final long[] slotSentAt; // Guarded by this.
  private final LongConsumer latencies; // Called under this.
  private long sent; // Guarded by this.
  private long received; // Guarded by this.
  private long startNanos; // Guarded by this.
  private long endNanos; // Guarded by this.

  /**
   * Creates the phase.
   *
   * @param anyOrder true over UDP: accept pongs in any order
   * @param latencies takes each round trip's latency in nanoseconds, or null to record none
   */
  public RoundTripPhase(
      String name,
      Link link,
      int payload,
      long count,
      long window,
      boolean anyOrder,
      LongConsumer latencies) {
    super(name, count);
    this.link = link;
    this.out = new Payload(payload);
    this.expected = new Payload(payload);
    this.count = count;
    this.window = Math.min(window, count);
    int slots = Integer.highestOneBit((int) Math.max(1, this.window - 1)) << 1;
    if (anyOrder) {
      slots <<= 1; // room for pongs that overtake others
    }
    // A pong names its slot by its sequence digits only while the digits cover every slot.
    this.anyOrder = anyOrder && slots - 1 <= out.mask();
    this.slotMask = slots - 1;
    this.slotSeq = new long[slots];
    this.slotSentAt = new long[slots];
    Arrays.fill(slotSeq, -1);
    this.latencies = latencies;
  }

  @Override
  public void run(Watch watch) throws BenchFailure {
    synchronized (this) {
      startNanos = System.nanoTime();
      while (sent < window && !done.isDone()) {
        send();
      }
    }
    watch.await(this);
  }

  private void send() {
    int slot = (int) (sent & slotMask);
    if (slotSeq[slot] >= 0) {
      fail(
          BenchFailure.Kind.WRONG_REPLY,
          "no pong for ping "
              + slotSeq[slot]
              + " while "
              + slotMask
              + " later ones were answered"
              + " (lost datagram)");
      return;
    }
    slotSeq[slot] = sent;
    slotSentAt[slot] = System.nanoTime();
    if (!link.emit("ping", out.set(sent))) {
      fail(BenchFailure.Kind.FAILED, "not connected when sending ping " + sent);
      return;
    }
    sent++;
  }

  @Override
  public synchronized void pong(Object data) {
    long now = System.nanoTime();
    if (done.isDone()) {
      return;
    }
    long seq = anyOrder ? inFlight(data) : received;
    int slot = (int) (seq & slotMask);
    if (seq < 0 || slotSeq[slot] != seq || !expected.matches(data, seq)) {
      fail(BenchFailure.Kind.WRONG_REPLY, "pong " + show(data) + " answers no ping in flight");
      return;
    }
    slotSeq[slot] = -1;
    if (latencies != null) {
      latencies.accept(Math.max(0, now - slotSentAt[slot]));
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

  /** Returns the latest ping sent whose sequence digits are those of {@code data}, or -1. */
  private long inFlight(Object data) {
    long bits = expected.sequenceBits(data);
    if (bits < 0 || sent == 0) {
      return -1;
    }
    long last = sent - 1;
    long seq = last - ((last - bits) & expected.mask());
    return seq < 0 || last - seq > slotMask ? -1 : seq;
  }

  private static String show(Object data) {
    String text = String.valueOf(data);
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  @Override
  public synchronized long nanos() {
    return endNanos - startNanos;
  }
}
