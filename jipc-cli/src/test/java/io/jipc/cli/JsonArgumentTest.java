package io.jipc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonArgumentTest {
  @TempDir Path dir;

  private static ByteArrayInputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void textFileAndStdinGiveTheSameValue() throws Exception {
    Path file = Files.writeString(dir.resolve("d.json"), " {\"a\":[1,\"é\"]}\n");
    JsonArgument arguments = new JsonArgument(stdin("{\"a\":[1,\"é\"]}"), 1024);

    Object expected = Map.of("a", List.of(1L, "é"));
    assertThat(arguments.parse("{\"a\":[1,\"é\"]}")).isEqualTo(expected);
    assertThat(arguments.parse("@" + file)).isEqualTo(expected);
    assertThat(arguments.parse("-")).isEqualTo(expected);
  }

  @Test
  void stdinIsReadOnce() {
    JsonArgument arguments = new JsonArgument(stdin("1"), 1024);

    assertThat(arguments.parse("-")).isEqualTo(1L);
    assertThatThrownBy(() -> arguments.parse("-"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("standard input (-) can be read only once");
  }

  @Test
  void moreThanTheLimitFailsNamingTheSourceAndTheLimit() throws Exception {
    Path file = Files.writeString(dir.resolve("big.json"), "\"" + "x".repeat(20) + "\"");
    Path fits = Files.writeString(dir.resolve("fits.json"), "\"" + "x".repeat(14) + "\"");
    JsonArgument arguments = new JsonArgument(stdin("[1,2,3,4,5,6,7,8,9]"), 16);

    assertThat(arguments.parse("@" + fits)).isEqualTo("x".repeat(14));
    assertThatThrownBy(() -> arguments.parse("@" + file))
        .hasMessage(file + " holds more than maxMessageSize (16 bytes)");
    assertThatThrownBy(() -> arguments.parse("-"))
        .hasMessage("standard input holds more than maxMessageSize (16 bytes)");
  }

  @Test
  void badBytesOrJsonInAFileNameTheFile() throws Exception {
    Path latin1 = Files.write(dir.resolve("latin1.json"), new byte[] {'"', (byte) 0xE9, '"'});
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"a\":");
    JsonArgument arguments = new JsonArgument(stdin(""), 1024);

    assertThatThrownBy(() -> arguments.parse("@" + latin1))
        .hasMessage(latin1 + " is not UTF-8 text");
    assertThatThrownBy(() -> arguments.parse("@" + broken)).hasMessageStartingWith(broken + ": ");
    assertThatThrownBy(() -> arguments.parse("@" + dir.resolve("none.json")))
        .hasMessage("no file " + dir.resolve("none.json"));
  }

  @Test
  void invalidJsonNamesTheOffsetAndWhatWasExpected() {
    JsonArgument arguments = new JsonArgument(stdin(""), 16);

    assertThatThrownBy(() -> arguments.parse("{\"a\":1,}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid JSON: unexpected byte 0x7d at offset 7, expected a string key");
    String deep = "[".repeat(JsonArgument.MAX_DEPTH + 1) + "]".repeat(JsonArgument.MAX_DEPTH + 1);
    assertThatThrownBy(() -> arguments.parse(deep))
        .hasMessage("invalid JSON: nesting deeper than maxDepth (256) at offset 256");
    assertThat(arguments.parse(deep.substring(1, deep.length() - 1))).isInstanceOf(List.class);
  }
}
