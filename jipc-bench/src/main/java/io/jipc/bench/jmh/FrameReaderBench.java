package io.jipc.bench.jmh;

import io.jipc.IpcProtocolException;
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

/**
 * Delimiter framing alone ({@link FrameReader}): how reads are split into frames, in ns per frame.
 * The sink only touches each frame, so decoding is not part of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameReaderBench {
  /** Frames per read in {@link #manyFramesInOneRead}. */
  public static final int FRAMES = 64;

  private byte[] many;
  private byte[] one;
  private FrameReader reader;
  private long seen;
  private final FrameReader.Sink sink = (buf, off, len) -> seen += len + buf[off];

  @Setup
  public void setup() {
    many = Frames.stream(Frames.PING, FRAMES);
    one = Frames.stream(Frames.PING, 1);
    reader = new FrameReader(Frames.DELIMITER, Frames.MAX_FRAME, "bench");
  }

  /** One read holding 64 frames of 90 bytes (64-byte payload): the zero-copy path. */
  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public long manyFramesInOneRead() throws IpcProtocolException {
    reader.feed(many, 0, many.length, sink);
    return seen;
  }

  /** One 90-byte frame arriving in 90 reads of 1 byte: the buffering path, per frame. */
  @Benchmark
  public long oneFrameInOneByteReads() throws IpcProtocolException {
    byte[] bytes = one;
    for (int i = 0; i < bytes.length; i++) {
      reader.feed(bytes, i, 1, sink);
    }
    return seen;
  }
}
