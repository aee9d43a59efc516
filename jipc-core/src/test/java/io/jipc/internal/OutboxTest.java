package io.jipc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.internal.loop.Buffers;
import io.jipc.internal.loop.Gather;
import io.jipc.internal.transport.Conduit;
import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The outbox over a fake conduit that takes nothing, a little, or everything it is offered: bytes
 * leave once, in the order they were queued, private and shared chunks alike; the outbox says when
 * a flush must be arranged; flushes complete when their last byte left; the limit holds.
 */
class OutboxTest {
  private final Buffers buffers = new Buffers();

  /** A conduit that takes at most {@code take} bytes per write and records them. */
  private static final class FakeConduit implements Conduit {
    final ByteArrayOutputStream taken = new ByteArrayOutputStream();
    long take;
    int writes;

    FakeConduit(long take) {
      this.take = take;
    }

    @Override
    public long write(Gather pieces, Buffers buffers) {
      writes++;
      long left = take;
      long done = 0;
      for (int i = 0; i < pieces.count() && left > 0; i++) {
        int n = (int) Math.min(left, pieces.length(i));
        taken.write(pieces.array(i), pieces.offset(i), n);
        left -= n;
        done += n;
      }
      return done;
    }

    String text() {
      return taken.toString(StandardCharsets.UTF_8);
    }

    @Override
    public SocketChannel channel() {
      return null;
    }

    @Override
    public int read(Buffers buffers) {
      return 0;
    }

    @Override
    public boolean shutdownOutput(Buffers buffers) {
      return true;
    }

    @Override
    public SocketAddress remoteAddress() {
      return null;
    }

    @Override
    public void close() {}
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Outbox.Offer offer(Outbox outbox, String text) {
    byte[] b = bytes(text);
    return outbox.offer(b, 0, b.length);
  }

  @Test
  void aConduitThatTakesEverythingGetsAllFramesInOneWriteInOrder() throws Exception {
    Outbox outbox = new Outbox(1 << 20);
    assertThat(offer(outbox, "one|")).isEqualTo(Outbox.Offer.SCHEDULE);
    assertThat(offer(outbox, "two|")).as("already scheduled").isEqualTo(Outbox.Offer.QUEUED);
    assertThat(outbox.offerShared(bytes("shared|"))).isEqualTo(Outbox.Offer.QUEUED);
    assertThat(offer(outbox, "three|")).isEqualTo(Outbox.Offer.QUEUED);
    FakeConduit conduit = new FakeConduit(Long.MAX_VALUE);

    assertThat(outbox.drainTo(conduit, buffers)).isEqualTo(Outbox.Drain.EMPTY);

    assertThat(conduit.text()).isEqualTo("one|two|shared|three|");
    assertThat(conduit.writes).as("one gathering write").isEqualTo(1);
    assertThat(outbox.pendingBytes()).isZero();
    assertThat(offer(outbox, "four|"))
        .as("drained: a new flush is needed")
        .isEqualTo(Outbox.Offer.SCHEDULE);
  }

  @Test
  void aConduitThatTakesNothingKeepsEveryByteQueued() throws Exception {
    Outbox outbox = new Outbox(1 << 20);
    offer(outbox, "kept|");
    FakeConduit full = new FakeConduit(0);

    assertThat(outbox.drainTo(full, buffers)).isEqualTo(Outbox.Drain.BLOCKED);
    assertThat(outbox.pendingBytes()).isEqualTo(5);
    assertThat(offer(outbox, "more|")).as("still scheduled").isEqualTo(Outbox.Offer.QUEUED);

    full.take = Long.MAX_VALUE; // the socket drained
    assertThat(outbox.drainTo(full, buffers)).isEqualTo(Outbox.Drain.EMPTY);
    assertThat(full.text()).isEqualTo("kept|more|");
  }

  @Test
  void aConduitThatTakesALittleAtATimeGetsEveryByteOnceAndInOrder() throws Exception {
    Outbox outbox = new Outbox(1 << 20);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      String frame = "{\"type\":\"n\",\"data\":" + i + "}\f";
      expected.append(frame);
      if (i % 10 == 0) {
        outbox.offerShared(bytes(frame));
      } else {
        offer(outbox, frame);
      }
    }
    CompletableFuture<Void> flushed = outbox.flush("flush()");
    FakeConduit conduit = new FakeConduit(7);
    Outbox.Drain drain = Outbox.Drain.BLOCKED;
    for (int i = 0; i < 10_000 && drain != Outbox.Drain.EMPTY; i++) {
      assertThat(flushed).as("flushed only when the last byte left").isNotDone();
      drain = outbox.drainTo(conduit, buffers);
    }
    assertThat(drain).isEqualTo(Outbox.Drain.EMPTY);
    assertThat(conduit.text()).isEqualTo(expected.toString());
    assertThat(flushed).isCompleted();
  }

  @Test
  void aFrameLargerThanOneWriteLeavesInSeveralWritesAndATurnEnds() throws Exception {
    Outbox outbox = new Outbox(64 << 20);
    byte[] large = new byte[40 * Buffers.WRITE_BYTES];
    Arrays.fill(large, (byte) 'x');
    outbox.offer(large, 0, large.length);
    FakeConduit conduit = new FakeConduit(Long.MAX_VALUE);

    assertThat(outbox.drainTo(conduit, buffers))
        .as("a turn of writes ends before 40 writes")
        .isEqualTo(Outbox.Drain.MORE);
    assertThat(outbox.drainTo(conduit, buffers)).isEqualTo(Outbox.Drain.MORE);
    assertThat(outbox.drainTo(conduit, buffers)).isEqualTo(Outbox.Drain.EMPTY);
    assertThat(conduit.taken.size()).isEqualTo(large.length);
    assertThat(conduit.writes).isEqualTo(40);
  }

  @Test
  void bytesBeyondMaxPendingBytesAreRefusedAndTheLimitItselfIsNot() {
    Outbox outbox = new Outbox(10);
    assertThat(offer(outbox, "12345")).isEqualTo(Outbox.Offer.SCHEDULE);
    assertThat(offer(outbox, "678901")).isEqualTo(Outbox.Offer.OVERFLOW);
    assertThat(offer(outbox, "67890")).isEqualTo(Outbox.Offer.QUEUED);
    assertThat(outbox.pendingBytes()).isEqualTo(10);
  }

  @Test
  void endRefusesNewBytesButKeepsTheQueuedOnes() throws Exception {
    Outbox outbox = new Outbox(1 << 20);
    offer(outbox, "last|");
    outbox.end();
    assertThat(offer(outbox, "late|")).isEqualTo(Outbox.Offer.CLOSED);
    FakeConduit conduit = new FakeConduit(Long.MAX_VALUE);
    assertThat(outbox.drainTo(conduit, buffers)).isEqualTo(Outbox.Drain.EMPTY);
    assertThat(conduit.text()).isEqualTo("last|");
  }

  @Test
  void stopDropsQueuedBytesAndFailsTheirFlushes() throws Exception {
    Outbox outbox = new Outbox(1 << 20);
    offer(outbox, "dropped|");
    CompletableFuture<Void> flushed = outbox.flush("flush()");

    assertThat(outbox.stop()).as("bytes dropped").isEqualTo(8);

    assertThat(flushed).isCompletedExceptionally();
    assertThat(outbox.flush("flush()")).isCompletedExceptionally();
    assertThat(outbox.pendingBytes()).isZero();
    assertThat(offer(outbox, "late|")).isEqualTo(Outbox.Offer.CLOSED);
    FakeConduit conduit = new FakeConduit(Long.MAX_VALUE);
    assertThat(outbox.drainTo(conduit, buffers)).isEqualTo(Outbox.Drain.EMPTY);
    assertThat(conduit.taken.size()).isZero();
  }

  @Test
  void aStopWithNothingQueuedLeavesFlushesComplete() {
    Outbox outbox = new Outbox(1 << 20);
    assertThat(outbox.stop()).isZero();
    assertThat(outbox.flush("flush()")).isCompleted();
  }
}
