package io.jipc.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What {@code jipc bench client} reports: a summary table for people, or ({@code --json}) one line
 * for machines holding the harness's result fields ({@code impl}, {@code transport}, {@code mode},
 * {@code n}, {@code window}, {@code payload}, {@code ms}, {@code rtt_per_s} or {@code msg_per_s},
 * {@code p50_us}, {@code p99_us}, {@code ok}, and {@code error}/{@code phase} when not ok) plus
 * {@code p90_us}, {@code p999_us} and {@code max_us}. Latencies come from an HdrHistogram of every
 * measured round trip (3 significant digits), for any window; one-way runs have none. Filled in by
 * the command's thread, then printed once.
 */
final class BenchReport {
  private static final String IMPL = "jipc@0.1.0";

  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final boolean rtt;

  /** Starts a report echoing the run's settings. */
  BenchReport(
      Target target, String mode, long n, long window, int payload, long warmup, String profile) {
    this.rtt = mode.equals("rtt");
    fields.put("impl", IMPL);
    fields.put("runtime", "java " + Runtime.version());
    fields.put("transport", target.transport());
    fields.put("target", target.toString());
    fields.put("mode", mode);
    fields.put("n", n);
    fields.put("window", window);
    fields.put("payload", payload);
    fields.put("warmup", warmup);
    fields.put("frame_bytes", (rtt ? 26 : 25) + payload);
    fields.put("profile", profile);
    for (String name :
        new String[] {
          "ms", "rtt_per_s", "msg_per_s", "p50_us", "p90_us", "p99_us", "p999_us", "max_us"
        }) {
      fields.put(name, null);
    }
    fields.put("ok", false);
  }

  /** Records the measured phase: its wall time and, for rtt, its latencies. */
  void measured(long nanos, Histogram latencies) {
    double ms = nanos / 1e6;
    fields.put("ms", round(ms, 3));
    long rate = Math.round((Long) fields.get("n") / (ms / 1000));
    fields.put(rtt ? "rtt_per_s" : "msg_per_s", rate);
    if (latencies != null && latencies.getTotalCount() > 0) {
      fields.put("p50_us", micros(latencies.getValueAtPercentile(50)));
      fields.put("p90_us", micros(latencies.getValueAtPercentile(90)));
      fields.put("p99_us", micros(latencies.getValueAtPercentile(99)));
      fields.put("p999_us", micros(latencies.getValueAtPercentile(99.9)));
      fields.put("max_us", micros(latencies.getMaxValue()));
    }
    fields.put("ok", true);
  }

  /** Records why the run failed, and in which phase after how many replies. */
  void failed(String why, String phase, long received) {
    fields.put("ok", false);
    fields.put("error", why);
    fields.put("phase", phase);
    fields.put("received_in_phase", received);
  }

  /** Returns the report as one line of JSON. */
  String json() {
    return EventLines.json(fields);
  }

  /** Returns the summary: a heading line and a two-line table, each ending in a newline. */
  String table() {
    StringBuilder b = new StringBuilder(400);
    b.append("jipc bench: ")
        .append(fields.get("mode"))
        .append(" over ")
        .append(fields.get("transport"))
        .append(' ')
        .append(fields.get("target"))
        .append(", n=")
        .append(fields.get("n"));
    if (rtt) {
      b.append(" window=").append(fields.get("window"));
    }
    b.append(" payload=").append(fields.get("payload"));
    b.append(" warmup=").append(fields.get("warmup"));
    b.append(" profile=").append(fields.get("profile")).append(System.lineSeparator());
    Object rate = fields.get(rtt ? "rtt_per_s" : "msg_per_s");
    String rateName = rtt ? "round trips/s" : "messages/s";
    row(b, rateName, "time ms", "p50 us", "p90 us", "p99 us", "p99.9 us", "max us");
    row(
        b,
        rate == null ? "-" : String.format(Locale.ROOT, "%,d", (Long) rate),
        show(fields.get("ms")),
        show(fields.get("p50_us")),
        show(fields.get("p90_us")),
        show(fields.get("p99_us")),
        show(fields.get("p999_us")),
        show(fields.get("max_us")));
    if (rtt) {
      b.append("latency: each round trip from its ping's send to its pong (HdrHistogram)")
          .append(System.lineSeparator());
    }
    return b.toString();
  }

  /** Appends one table row: the rate, the time, then five latency cells. */
  private static void row(StringBuilder b, Object... cells) {
    b.append(String.format(Locale.ROOT, "%14s %11s %9s %9s %9s %9s %9s%n", cells));
  }

  private static String show(Object value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.2f", ((Number) value).doubleValue());
  }

  private static double micros(long nanos) {
    return round(nanos / 1e3, 2);
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
