package io.jipc.bench.jmh;

import io.jipc.IpcProtocolException;
import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.codec.EventCodec;
import io.jipc.jackson.JsonMapping;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The cost per message of typed payloads (jipc-jackson): one small record encoded into a frame and
 * decoded back into the record, next to the same message as the plain Map it maps to, encoded and
 * decoded by jipc-core alone. The difference is what {@code JsonMapping} adds on each side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TypedPayloadBench {
  /** A small order: a string, an int, a list of two records and an instant. */
  public record Order(String item, int qty, List<Line> lines, Instant at) {}

  /** One line of an order. */
  public record Line(String sku, long cents) {}

  private JsonMapping json;
  private Order order;
  private Map<String, Object> plain;
  private ByteSink out;

  @Setup
  public void setup() {
    json = JsonMapping.defaults();
    order =
        new Order(
            "tea",
            2,
            List.of(new Line("t-1", 350), new Line("t-2", 120)),
            Instant.parse("2026-12-04T23:16:14Z"));
    plain = new LinkedHashMap<>();
    plain.put("item", "tea");
    plain.put("qty", 2);
    plain.put(
        "lines", List.of(Map.of("sku", "t-1", "cents", 350L), Map.of("sku", "t-2", "cents", 120L)));
    plain.put("at", "2026-12-04T23:16:14Z");
    out = new ByteSink(256);
  }

  /** The Map through jipc-core: encode the frame, decode it, return its data. */
  @Benchmark
  public Object plainMapEncodeDecode() throws IpcProtocolException {
    out.reset();
    EventCodec.encode("order", plain, out, Frames.MAX_DEPTH);
    byte[] frame = out.toByteArray();
    return EventCodec.decode(frame, 0, frame.length, Frames.MAX_DEPTH, "bench").data();
  }

  /** The record through JsonMapping and jipc-core: map, encode, decode, map back. */
  @Benchmark
  public Order typedRecordEncodeDecode() throws IpcProtocolException {
    out.reset();
    EventCodec.encode("order", json.toData(order), out, Frames.MAX_DEPTH);
    byte[] frame = out.toByteArray();
    Object data = EventCodec.decode(frame, 0, frame.length, Frames.MAX_DEPTH, "bench").data();
    return json.fromData(data, Order.class);
  }
}
