package io.jipc.bench.jmh;

import io.jipc.IpcProtocolException;
import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.codec.DecodedEvent;
import io.jipc.internal.codec.EventCodec;
import io.jipc.internal.codec.FrameReader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole codec per message, as a connection does it minus the socket and the threads: encode
 * events into one batch (envelope + delimiter), then frame and decode that batch as one read, in ns
 * per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoundTripBench {
  /** Frames per batch: the harness's window. */
  public static final int FRAMES = 64;

  private ByteSink batch;
  private FrameReader reader;
  private Blackhole blackhole;
  private final FrameReader.Sink decoder =
      (buf, off, len) -> {
        DecodedEvent event = EventCodec.decode(buf, off, len, Frames.MAX_DEPTH, "bench");
        blackhole.consume(event);
      };

  @Setup
  public void setup(Blackhole blackhole) {
    this.blackhole = blackhole;
    batch = new ByteSink(FRAMES * 128);
    reader = new FrameReader(Frames.DELIMITER, Frames.MAX_FRAME, "bench");
  }

  /** 64 {@code ping} frames encoded, then framed and decoded from one read. */
  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public int encodeThenDecode() throws IpcProtocolException {
    batch.reset();
    for (int i = 0; i < FRAMES; i++) {
      EventCodec.encode("ping", Frames.PAYLOAD, batch, Frames.MAX_DEPTH);
      batch.write(Frames.DELIMITER, 0, Frames.DELIMITER.length);
    }
    reader.feed(batch.array(), 0, batch.size(), decoder);
    return batch.size();
  }
}
