package io.jipc.internal.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Doubles that exercise number formatting: edges of every kind, then random bit patterns. */
final class NumberSamples {
  private NumberSamples() {}

  /** Returns the edge values followed by random ones, {@code total} in all (at least the edges). */
  static List<Double> doubles(SplittableRandom random, int total) {
    List<Double> values = edges();
    while (values.size() < total) {
      values.add(next(random));
    }
    return values;
  }

  private static List<Double> edges() {
    List<Double> values = new ArrayList<>();
    for (double v :
        new double[] {
          0.0,
          -0.0,
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          Double.MIN_VALUE,
          Double.MAX_VALUE,
          Double.MIN_NORMAL,
          0x1p53,
          0x1p53 + 2,
          0x1p53 - 1,
          0x1p63,
          0x1p64,
          1e21,
          1e-7,
          1e-6,
          999999999999999900000.0,
          123456789012345680000.0
        }) {
      values.add(v);
      values.add(Math.nextUp(v));
      values.add(Math.nextDown(v));
    }
    for (long biased = 0; biased < 2047; biased++) {
      for (long fraction : new long[] {0, 1, 2, (1L << 52) - 1, (1L << 51)}) {
        values.add(Double.longBitsToDouble(biased << 52 | fraction));
      }
    }
    for (int e = -325; e <= 309; e++) {
      double v = Double.parseDouble("1e" + e);
      values.add(v);
      values.add(Math.nextUp(v));
      values.add(Math.nextDown(v));
      values.add(Double.parseDouble("5e" + e));
    }
    for (long bits = 1; bits <= 1000; bits++) {
      values.add(Double.longBitsToDouble(bits));
    }
    return values;
  }

  private static double next(SplittableRandom random) {
    return switch (random.nextInt(6)) {
      case 0 -> random.nextLong(-(1L << 53), 1L << 53);
      case 1 -> random.nextInt(-1_000_000, 1_000_000) / Math.pow(10, random.nextInt(1, 20));
      case 2 -> Double.longBitsToDouble(random.nextLong(1L << 52)); // subnormal
      default -> Double.longBitsToDouble(random.nextLong());
    };
  }
}
