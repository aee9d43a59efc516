package io.jipc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultTest {
  @Test
  void percentilesUseTheNearestRank() {
    long[] sorted = new long[100];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = i + 1;
    }

    assertThat(Result.nearestRank(sorted, 0.50)).isEqualTo(50);
    assertThat(Result.nearestRank(sorted, 0.99)).isEqualTo(99);
    assertThat(Result.nearestRank(new long[] {7}, 0.99)).isEqualTo(7);
    assertThat(Result.nearestRank(new long[] {1, 2, 3}, 0.50)).isEqualTo(2);
  }

  @Test
  void latencyResultIsOneJsonLineWithRatesAndMicroseconds() {
    Result result = new Result("unix", "rtt", 4, 1, 64, 0, "guarded");
    result.measured(2_000_000, new long[] {4000, 1000, 3000, 2000});

    String json = result.toJson();

    assertThat(json).doesNotContain("\n");
    assertThat(json)
        .startsWith("{\"impl\":\"jipc@0.1.0\",\"runtime\":\"java ")
        .contains("\"frame_bytes\":90,\"ms\":2.000,\"rtt_per_s\":2000,\"msg_per_s\":null")
        .contains("\"p50_us\":2.00,\"p99_us\":4.00")
        .endsWith("\"ok\":true}");
  }

  @Test
  void failureCarriesErrorPhaseAndNullNumbers() {
    Result result = new Result("tcp", "oneway", 10, 1, 64, 0, "fast");
    result.failed("stall: \"no\" progress", "measure", 3);

    assertThat(result.toJson())
        .contains("\"ms\":null,\"rtt_per_s\":null,\"msg_per_s\":null")
        .contains("\"ok\":false,\"error\":\"stall: \\\"no\\\" progress\",\"phase\":\"measure\"")
        .endsWith("\"received_in_phase\":3}");
  }
}
