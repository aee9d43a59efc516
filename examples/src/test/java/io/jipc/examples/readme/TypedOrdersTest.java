package io.jipc.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The README's typed payloads program, on the class path: a record request gets a record answer.
 */
class TypedOrdersTest {
  @Test
  void aRecordRequestGetsARecordAnswer() throws Exception {
    assertThat(io.jipc.jackson.JsonMapping.class.getModule().isNamed()).isFalse(); // class path
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      TypedOrders.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("receipt for 2 tea\n");
  }
}
