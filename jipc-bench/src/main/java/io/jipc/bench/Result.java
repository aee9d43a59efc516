package io.jipc.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The one JSON line a client prints: the harness's result object. Filled in by the client, printed
 * once. Not thread-safe; the client prints it from one thread under its own guard.
 */
final class Result {
  private final String transport;
  private final String mode;
  private final long n;
  private final long window;
  private final int payload;
  private final long warmup;
  private final String profile;
  private Double ms;
  private Double p50;
  private Double p99;
  private boolean ok;
  private String error;
  private String phase;
  private long receivedInPhase;

  Result(
      String transport,
      String mode,
      long n,
      long window,
      int payload,
      long warmup,
      String profile) {
    this.transport = transport;
    this.mode = mode;
    this.n = n;
    this.window = window;
    this.payload = payload;
    this.warmup = warmup;
    this.profile = profile;
  }

  /** Records a measured phase of {@code nanos}; {@code latencies} (ns) only for W=1, else null. */
  void measured(long nanos, long[] latencies) {
    ms = nanos / 1e6;
    if (latencies != null) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      p50 = nearestRank(sorted, 0.50) / 1e3;
      p99 = nearestRank(sorted, 0.99) / 1e3;
    }
    ok = true;
  }

  /** Records why the run failed, and where. */
  void failed(String why, String inPhase, long received) {
    ok = false;
    ms = null;
    error = why;
    phase = inPhase;
    receivedInPhase = received;
  }

  boolean ok() {
    return ok;
  }

  /** Returns the element at nearest rank {@code q}: sorted index {@code ceil(q * n) - 1}. */
  static long nearestRank(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** Returns the result object as one line of JSON. */
  String toJson() {
    boolean rtt = mode.equals("rtt");
    String rate = ms == null ? "null" : Long.toString(Math.round(n / (ms / 1000)));
    StringBuilder b = new StringBuilder(400);
    b.append("{\"impl\":").append(quote(BenchSetup.IMPL));
    b.append(",\"runtime\":").append(quote(BenchSetup.runtime()));
    b.append(",\"transport\":").append(quote(transport));
    b.append(",\"mode\":").append(quote(mode));
    b.append(",\"n\":").append(n).append(",\"window\":").append(window);
    b.append(",\"payload\":").append(payload).append(",\"warmup\":").append(warmup);
    b.append(",\"frame_bytes\":").append((rtt ? 26 : 25) + payload);
    b.append(",\"ms\":").append(ms == null ? "null" : fixed(ms, 3));
    b.append(",\"rtt_per_s\":").append(rtt ? rate : "null");
    b.append(",\"msg_per_s\":").append(rtt ? "null" : rate);
    b.append(",\"p50_us\":").append(p50 == null ? "null" : fixed(p50, 2));
    b.append(",\"p99_us\":").append(p99 == null ? "null" : fixed(p99, 2));
    b.append(",\"profile\":").append(quote(profile));
    b.append(",\"ok\":").append(ok);
    if (!ok) {
      b.append(",\"error\":").append(quote(error));
      b.append(",\"phase\":").append(quote(phase));
      b.append(",\"received_in_phase\":").append(receivedInPhase);
    }
    return b.append('}').toString();
  }

  private static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
