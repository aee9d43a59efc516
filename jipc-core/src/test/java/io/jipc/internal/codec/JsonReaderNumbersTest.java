package io.jipc.internal.codec;

import static io.jipc.internal.codec.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderNumbersTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "-0, 0",
    "7, 7",
    "-123, -123",
    "999999999999999999, 999999999999999999",
    "9007199254740993, 9007199254740993",
    "9223372036854775807, 9223372036854775807",
    "-9223372036854775808, -9223372036854775808",
    "1000000000000000000, 1000000000000000000",
  })
  void integersThatFitALongAreLongs(String token, long expected) throws Exception {
    assertThat(parse(token)).isInstanceOf(Long.class).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "0.1, 0.1",
    "1.5, 1.5",
    "1e3, 1000",
    "1E3, 1000",
    "1e+3, 1000",
    "1e-3, 0.001",
    "1.0, 1",
    "0e0, 0",
    "100000000000000000000, 1e20",
    "123456789012345680000, 123456789012345680000",
    "0.30000000000000004, 0.30000000000000004",
    "5e-324, 4.9e-324",
    "1.7976931348623157e308, 1.7976931348623157e308",
    "2.2250738585072014e-308, 2.2250738585072014e-308",
    "-2.5e-7, -2.5e-7",
    "1e23, 1e23",
    "123456789.12345678, 123456789.12345678",
    "0.000001, 0.000001",
    "1.00000000000000000, 1",
  })
  void numbersWhoseShortestFormIsTheTokenAreDoubles(String token, double expected)
      throws Exception {
    assertThat(parse(token)).isInstanceOf(Double.class).isEqualTo(expected);
  }

  @Test
  void negativeZeroWithAFractionStaysNegative() throws Exception {
    assertThat(parse("-0.0")).isEqualTo(-0.0);
    assertThat(parse("-0e5")).isEqualTo(-0.0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.10000000000000000001",
        "0.1000000000000000055511151231257827",
        "1e400",
        "-1e+9999",
        "1e-400",
        "4.9e-324",
        "9.999999999999999e22",
        "123456789012345678901234",
        "9223372036854775808",
        "-9223372036854775809",
        "0.12345678901234567890123456789",
      })
  void numbersADoubleWouldAlterAreExactBigDecimals(String token) throws Exception {
    assertThat(parse(token))
        .isInstanceOfSatisfying(
            BigDecimal.class, d -> assertThat(d).isEqualTo(new BigDecimal(token)));
  }

  @Test
  void exponentsBeyondBigDecimalBecomeWhatJavaScriptReads() throws Exception {
    String huge = "0.4e" + "0066999999999999999999999999999999999999999969999999006";

    assertThat(parse(huge)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(parse("-1e99999999999")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(parse("123e-10000000000000")).isEqualTo(0.0);
    assertThat(parse("-123e-10000000000000")).isEqualTo(-0.0);
    assertThat(parse("1e999999999")).isEqualTo(new BigDecimal("1e999999999"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "01",
        "-01",
        "00",
        "+1",
        ".5",
        "1.",
        "1.e3",
        "1e",
        "1e+",
        "1E-",
        "-",
        "--1",
        "- 1",
        "0x10",
        "1_000",
        "1e1.5",
        "1.5.5",
        "Infinity",
        "-Infinity",
        "NaN",
        "1f",
        "0.1d",
        "\u0661",
      })
  void rejectsNumbersJsonParseRejects(String token) {
    assertThatThrownBy(() -> parse(token)).isInstanceOf(JsonException.class);
  }

  @Test
  void doubleOrBigDecimalFollowsTheShortestFormForRandomTokens() throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 5_000; i++) {
      StringBuilder digits = new StringBuilder();
      int count = random.nextInt(1, 19);
      for (int j = 0; j < count; j++) {
        digits.append((char) ('0' + random.nextInt(j == 0 ? 1 : 0, 10)));
      }
      String token = (count > 1 ? digits.insert(1, '.') : digits) + "e" + random.nextInt(-330, 310);
      BigDecimal exact = new BigDecimal(token);
      double d = Double.parseDouble(token);
      boolean lossless =
          d != 0 && !Double.isInfinite(d) && EcmaReference.shortest(d).compareTo(exact) == 0;

      Object parsed = parse(token);
      if (lossless) {
        assertThat(parsed).as(token).isEqualTo(d);
      } else {
        assertThat(parsed).as(token).isInstanceOf(BigDecimal.class).isEqualTo(exact);
      }
    }
  }

  @Test
  void longTokensAreExact() throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 200; i++) {
      StringBuilder token = new StringBuilder(random.nextBoolean() ? "-" : "");
      token.append(random.nextInt(1, 10));
      int intDigits = random.nextInt(0, 3000);
      int fracDigits = random.nextInt(0, 3000);
      for (int j = 0; j < intDigits + fracDigits; j++) {
        token.append(j == intDigits ? "." : "").append(random.nextInt(10));
      }
      token.append(random.nextBoolean() ? "e" + random.nextInt(-5000, 5000) : "");

      assertThat(parse(token.toString())).isEqualTo(new BigDecimal(token.toString()));
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aMillionDigitsParseInLinearithmicNotQuadraticTime() throws Exception {
    // JDK 17's BigDecimal(String) needs about 16 s for this; a peer could stall a reader with it.
    String token = "9" + "8".repeat(1_000_000) + ".5";

    Object parsed = parse(token);

    // Not compared with new BigDecimal(token): that would take the quadratic path itself.
    assertThat(parsed).isInstanceOf(BigDecimal.class);
    assertThat(parsed.toString()).isEqualTo(token);
  }

  @Test
  void numbersEndAtTheFirstByteThatCannotContinueThem() throws Exception {
    assertThat(parse("[1,-2.5e3,0]").toString()).isEqualTo("[1, -2500.0, 0]");
    assertThat(parse("{\"a\":-0}").toString()).isEqualTo("{a=0}");
    assertThatThrownBy(() -> parse("[1e5x]"))
        .hasMessage("unexpected byte 0x78 at offset 4, expected ',' or ']'");
  }
}
