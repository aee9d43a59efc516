package io.jipc.bench.jmh;

import io.jipc.IpcProtocolException;
import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.codec.DecodedEvent;
import io.jipc.internal.codec.EventCodec;
import io.jipc.internal.codec.JsonException;
import io.jipc.internal.codec.JsonReader;
import io.jipc.internal.codec.TypeNames;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The event envelope ({@link EventCodec}) without framing: decoding one frame's bytes into an event
 * and encoding an event into bytes, in ns per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnvelopeBench {
  private byte[] ping;
  private byte[] reordered;
  private byte[] nested;
  private Object nestedData;
  private ByteSink out;
  private TypeNames names;

  @Setup
  public void setup() throws JsonException {
    ping = Frames.utf8(Frames.PING);
    reordered = Frames.utf8(Frames.REORDERED);
    nested = Frames.utf8(Frames.NESTED);
    Map<?, ?> envelope = (Map<?, ?>) JsonReader.parse(nested, 0, nested.length, Frames.MAX_DEPTH);
    nestedData = envelope.get("data");
    out = new ByteSink(256);
    names = new TypeNames();
  }

  /** {@code {"type":"ping","data":"<64 chars>"}}: the fast path, no envelope map. */
  @Benchmark
  public DecodedEvent decodeFastPath() throws IpcProtocolException {
    return EventCodec.decode(ping, 0, ping.length, Frames.MAX_DEPTH, "bench");
  }

  /** The same event with data before type: the fast path gives up, the generic parse reads it. */
  @Benchmark
  public DecodedEvent decodeReordered() throws IpcProtocolException {
    return EventCodec.decode(reordered, 0, reordered.length, Frames.MAX_DEPTH, "bench");
  }

  /** The common shape with a nested object (5 members, one array) as data. */
  @Benchmark
  public DecodedEvent decodeNestedObject() throws IpcProtocolException {
    return EventCodec.decode(nested, 0, nested.length, Frames.MAX_DEPTH, "bench");
  }

  /**
   * The nested object as a stream connection reads it: type and keys from the per-thread name
   * table, so repeated keys are not allocated again (compare with {@link #decodeNestedObject}).
   */
  @Benchmark
  public DecodedEvent decodeNestedObjectWithNames() throws IpcProtocolException {
    return EventCodec.decode(nested, 0, nested.length, Frames.MAX_DEPTH, "bench", names, true);
  }

  /** {@code pong} with the 64-character string: what the echo server writes per ping. */
  @Benchmark
  public int encodeString() {
    out.reset();
    EventCodec.encode("pong", Frames.PAYLOAD, out, Frames.MAX_DEPTH);
    return out.size();
  }

  /** {@code ping} with the decoded nested object as data. */
  @Benchmark
  public int encodeNestedObject() {
    out.reset();
    EventCodec.encode("ping", nestedData, out, Frames.MAX_DEPTH);
    return out.size();
  }
}
