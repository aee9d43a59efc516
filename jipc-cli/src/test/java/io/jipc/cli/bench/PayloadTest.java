package io.jipc.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayloadTest {
  @Test
  void formatsTheSequenceNumberInHexThenPadsWithA() {
    Payload payload = new Payload(16);

    assertThat(payload.set(42).toString()).isEqualTo("0000002aaaaaaaaa");
    assertThat(payload.set(0xdeadbeefL).toString()).isEqualTo("deadbeefaaaaaaaa");
  }

  @Test
  void keepsOnlyTheLowDigitsBelowEightCharacters() {
    Payload payload = new Payload(3);

    assertThat(payload.set(0x1234).toString()).isEqualTo("234");
    assertThat(payload.set(5).toString()).isEqualTo("005");
  }

  @Test
  void matchesExactlyThePayloadOfItsSequenceNumber() {
    Payload payload = new Payload(64);
    String expected = new Payload(64).set(1234).toString();

    assertThat(payload.matches(expected, 1234)).isTrue();
    assertThat(payload.matches(expected, 1235)).isFalse();
    assertThat(payload.matches(expected.substring(1), 1234)).isFalse();
    assertThat(payload.matches(expected.substring(0, 63) + "b", 1234)).isFalse();
    assertThat(payload.matches(expected.toUpperCase(java.util.Locale.ROOT), 1234)).isFalse();
    assertThat(payload.matches(1234L, 1234)).isFalse();
  }
}
