package io.jipc.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcmaNumbersTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "-0.0, 0",
    "1, 1",
    "-1.5, -1.5",
    "0.1, 0.1",
    "0.3, 0.3",
    "4.35, 4.35",
    "100, 100",
    "1e20, 100000000000000000000",
    "999999999999999900000, 999999999999999900000",
    "1e21, 1e+21",
    "1.5e21, 1.5e+21",
    "123456789012345680000, 123456789012345680000",
    "9007199254740992, 9007199254740992",
    "9007199254740993, 9007199254740992",
    "1e-6, 0.000001",
    "1.234e-6, 0.000001234",
    "1e-7, 1e-7",
    "1.234e-7, 1.234e-7",
    "-1e-7, -1e-7",
    "1e23, 1e+23",
    "2e23, 2e+23",
    "8.41e21, 8.41e+21",
    "2.82879384806159e17, 282879384806159000",
    "4.9e-324, 5e-324",
    "1e-323, 1e-323",
    "2.2250738585072014e-308, 2.2250738585072014e-308",
    "2.225073858507201e-308, 2.225073858507201e-308",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "0.6666666666666666, 0.6666666666666666",
    "5e-7, 5e-7",
    "1e300, 1e+300",
    "NaN, null",
    "Infinity, null",
    "-Infinity, null",
  })
  void printsLikeJavaScript(String input, String expected) {
    assertThat(EcmaNumbers.toString(Double.parseDouble(input))).isEqualTo(expected);
  }

  @Test
  void printsOneDigitWhereTheJdkPrintsTwo() {
    assertThat(Double.toString(Double.MIN_VALUE)).isEqualTo("4.9E-324");
    assertThat(EcmaNumbers.toString(Double.MIN_VALUE)).isEqualTo("5e-324");
  }

  @Test
  void flooredLogarithmsAreExactOverTheWholeExponentRange() {
    for (int q = -1100; q <= 1100; q++) {
      BigDecimal pow2 = pow2(q);
      assertThat(EcmaNumbers.floorLog10Pow2(q)).as("q=%d", q).isEqualTo(floorLog10(pow2));
      BigDecimal threeQuarters = pow2.multiply(new BigDecimal("0.75"));
      assertThat(EcmaNumbers.floorLog10ThreeQuartersPow2(q))
          .as("q=%d", q)
          .isEqualTo(floorLog10(threeQuarters));
    }
  }

  @Test
  void approximateFloorAgreesWithExactFloor() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      int q = random.nextInt(-1074, 972);
      int k = EcmaNumbers.floorLog10Pow2(q);
      // Multiples of powers of two and five make the quotient an exact integer now and then.
      long n = (1L << 54) + random.nextLong(1L << 54);
      if (i % 3 == 0) {
        n &= -1L << random.nextInt(40);
      }
      if (i % 5 == 0 && k > 0 && k < 23) {
        n = n / pow5(k) * pow5(k);
      }
      assertThat(EcmaNumbers.floorScaled(n, q - 2, k))
          .as("n=%d e=%d k=%d", n, q - 2, k)
          .isEqualTo(EcmaNumbers.exactFloorScaled(n, q - 2, k));
    }
  }

  @Test
  void agreesWithTheDefinitionOnRandomBitPatterns() {
    SplittableRandom random = new SplittableRandom(11);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      values.add(Double.longBitsToDouble(random.nextLong()));
    }
    assertAgreesWithDefinition(values);
  }

  @Test
  void agreesWithTheDefinitionAtEveryPowerOfTwo() {
    List<Double> values = new ArrayList<>();
    // Fraction 0 is where the rounding interval is lopsided; the Node test covers the rest.
    for (long biased = 0; biased < 2047; biased++) {
      values.add(Double.longBitsToDouble(biased << 52));
      if (biased % 16 == 0) {
        values.add(Double.longBitsToDouble(biased << 52 | 1));
        values.add(Double.longBitsToDouble(biased << 52 | ((1L << 52) - 1)));
      }
    }
    assertAgreesWithDefinition(values);
  }

  @Test
  void agreesWithTheDefinitionForTheSmallestSubnormals() {
    List<Double> values = new ArrayList<>();
    for (long bits = 1; bits <= 600; bits++) {
      values.add(Double.longBitsToDouble(bits));
    }
    assertAgreesWithDefinition(values);
  }

  @Test
  void agreesWithTheDefinitionAroundPowersOfTen() {
    List<Double> values = new ArrayList<>();
    for (int e = -324; e <= 308; e++) {
      double v = Double.parseDouble("1e" + e);
      values.add(v);
      values.add(Math.nextUp(v));
      values.add(Math.nextDown(v));
    }
    assertAgreesWithDefinition(values);
  }

  private static void assertAgreesWithDefinition(List<Double> values) {
    for (double v : values) {
      if (!Double.isNaN(v)) {
        assertThat(EcmaNumbers.toString(v))
            .as("bits %016x", Double.doubleToRawLongBits(v))
            .isEqualTo(EcmaReference.toString(v));
      }
    }
  }

  private static BigDecimal pow2(int q) {
    BigDecimal two = new BigDecimal(BigInteger.ONE.shiftLeft(Math.abs(q)));
    return q >= 0 ? two : BigDecimal.ONE.divide(two);
  }

  private static int floorLog10(BigDecimal x) {
    return x.precision() - x.scale() - 1;
  }

  private static long pow5(int k) {
    return BigInteger.valueOf(5).pow(k).longValueExact();
  }
}
