package io.jipc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {
  @Test
  void parsesEveryKindOfValueIntoWhatJipcSends() {
    Object value =
        JsonParser.parse(" {\"a\":[1,-2.5,true,false,null],\"b\":{\"c\":\"\\u00e9\\n\\\"\"}} ");

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", Arrays.asList(1L, -2.5, true, false, null));
    expected.put("b", Map.of("c", "é\n\""));
    assertThat(value).isEqualTo(expected);
  }

  @Test
  void numbersAreLongThenDoubleThenExactDecimal() {
    assertThat(JsonParser.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(JsonParser.parse("9223372036854775808"))
        .isEqualTo(new BigDecimal("9223372036854775808"));
    assertThat(JsonParser.parse("0.1")).isEqualTo(0.1);
    assertThat(JsonParser.parse("1e3")).isEqualTo(1000.0);
    assertThat(JsonParser.parse("0.10000000000000000001"))
        .isEqualTo(new BigDecimal("0.10000000000000000001"));
  }

  @Test
  void repeatedKeyKeepsItsPlaceAndTakesTheLastValue() {
    assertThat(JsonText.write(JsonParser.parse("{\"a\":1,\"b\":2,\"a\":3}")))
        .isEqualTo("{\"a\":3,\"b\":2}");
  }

  @Test
  void refusesWhatJsonDoesNotAllow() {
    for (String bad :
        List.of(
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "+1",
            "'a'",
            "\"tab\there\"",
            "nul",
            "[1] 2",
            "{a:1}",
            "\"\\x\"",
            "NaN")) {
      assertThatThrownBy(() -> JsonParser.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("invalid JSON at offset");
    }
  }

  @Test
  void nestingIsBounded() {
    String deep = "[".repeat(JsonParser.MAX_DEPTH + 1) + "]".repeat(JsonParser.MAX_DEPTH + 1);
    String fine = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);

    assertThat(JsonParser.parse(fine)).isInstanceOf(List.class);
    assertThatThrownBy(() -> JsonParser.parse(deep)).hasMessageContaining("nested");
  }

  @Test
  void writesNumbersAsJavaScriptDoes() {
    assertThat(JsonText.number(1.0)).isEqualTo("1");
    assertThat(JsonText.number(-0.0)).isEqualTo("0");
    assertThat(JsonText.number(2.5)).isEqualTo("2.5");
    assertThat(JsonText.number(1e21)).isEqualTo("1e+21");
    assertThat(JsonText.number(1e20)).isEqualTo("100000000000000000000");
    assertThat(JsonText.number(1.5e-7)).isEqualTo("1.5e-7");
    assertThat(JsonText.number(0.000001)).isEqualTo("0.000001");
    assertThat(JsonText.number(-123.456)).isEqualTo("-123.456");
    assertThat(JsonText.number(Double.NaN)).isEqualTo("null");
    assertThat(JsonText.number(Double.POSITIVE_INFINITY)).isEqualTo("null");
  }

  @Test
  void writesStringsAsJsonStringifyDoes() {
    assertThat(JsonText.write("a\"\\\b\f\n\r\t\u0001é😀"))
        .isEqualTo("\"a\\\"\\\\\\b\\f\\n\\r\\t\\u0001é😀\"");
    assertThat(JsonText.write("\ud800x")).isEqualTo("\"\\ud800x\"");
  }

  @Test
  void writesBytesAsNodeBufferJson() {
    assertThat(JsonText.write(new byte[] {1, (byte) 255}))
        .isEqualTo("{\"type\":\"Buffer\",\"data\":[1,255]}");
  }

  @Test
  void writesContainersInOrder() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("z", List.of(1, "two"));
    map.put("a", null);
    map.put("arr", new Object[] {true});
    assertThat(JsonText.write(map)).isEqualTo("{\"z\":[1,\"two\"],\"a\":null,\"arr\":[true]}");
  }
}
