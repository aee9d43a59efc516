package io.jipc.bench.jmh;

import io.jipc.IpcProtocolException;
import io.jipc.Profile;
import io.jipc.internal.codec.EventRules;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-message event-name check of each profile ({@link EventRules#check}), for an accepted
 * name, in ns per message: what guarded costs over fast on every frame received and sent.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProfileChecksBench {
  @Param({"FAST", "GUARDED", "ASSURED"})
  public Profile profile;

  private EventRules rules;
  private String type;
  private byte[] typeBytes;
  private String label;

  @Setup
  public void setup() {
    rules = EventRules.of(profile, 256, false, Set.of("ping", "pong", "msg", "fin", "done"));
    typeBytes = Frames.utf8("ping");
    type = new String(typeBytes, StandardCharsets.ISO_8859_1);
    label = "socket 1 on /run/user/1000/node-ipc/app.bench";
  }

  /** The check alone, with a constant place name. */
  @Benchmark
  public String check() throws IpcProtocolException {
    rules.check(type, "bench");
    return type;
  }

  /**
   * The check of a fresh type string per message, made as the decoder makes it, so the set lookups
   * compute its hash code every time.
   */
  @Benchmark
  public String checkFreshType() throws IpcProtocolException {
    String fresh = new String(typeBytes, 0, typeBytes.length, StandardCharsets.ISO_8859_1);
    rules.check(fresh, "bench");
    return fresh;
  }

  /**
   * As the connection calls it today: {@code check(type, "received from " + label)} builds the
   * place name for every message, even when nothing fails.
   */
  @Benchmark
  public String checkWithPlaceName() throws IpcProtocolException {
    rules.check(type, "received from " + label);
    return type;
  }
}
