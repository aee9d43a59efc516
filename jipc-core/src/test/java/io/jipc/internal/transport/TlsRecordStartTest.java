package io.jipc.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.internal.transport.TlsRecordStart.Verdict;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the first bytes of a stream say about TLS. */
class TlsRecordStartTest {
  private static Verdict verdictOf(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return new TlsRecordStart().see(b, 0, b.length);
  }

  @Test
  void handshakeAndAlertRecordsOfEveryVersionAreTls() {
    assertThat(verdictOf(0x16, 0x03, 0x01, 0x02, 0x00)).isEqualTo(Verdict.TLS); // ClientHello
    assertThat(verdictOf(0x16, 0x03, 0x03)).isEqualTo(Verdict.TLS);
    assertThat(verdictOf(0x15, 0x03, 0x03, 0x00, 0x02)).isEqualTo(Verdict.TLS); // an alert
    assertThat(verdictOf(0x16, 0x03, 0x00)).isEqualTo(Verdict.TLS); // SSL 3.0's header
    assertThat(verdictOf(0x16, 0x03, 0x04)).isEqualTo(Verdict.TLS);
  }

  @Test
  void framesAndOtherBytesAreNotTls() {
    assertThat(verdictOf('{', '"', 't')).isEqualTo(Verdict.NOT_TLS);
    assertThat(verdictOf(' ')).as("JSON may start with whitespace").isEqualTo(Verdict.NOT_TLS);
    assertThat(verdictOf(0x16, 0x02, 0x01)).isEqualTo(Verdict.NOT_TLS);
    assertThat(verdictOf(0x16, 0x03, 0x05)).isEqualTo(Verdict.NOT_TLS);
    assertThat(verdictOf(0x19, 0x03, 0x01)).isEqualTo(Verdict.NOT_TLS);
    assertThat(verdictOf(0x13, 0x03, 0x01)).isEqualTo(Verdict.NOT_TLS);
  }

  @Test
  void aHeaderSplitAcrossReadsIsJudgedOnceItsThirdByteArrives() {
    TlsRecordStart start = new TlsRecordStart();
    assertThat(start.heardAny()).isFalse();
    assertThat(start.see(new byte[] {0x16}, 0, 1)).isEqualTo(Verdict.UNKNOWN);
    assertThat(start.heardAny()).isTrue();
    assertThat(start.see(new byte[] {0x03}, 0, 1)).isEqualTo(Verdict.UNKNOWN);
    assertThat(start.see(new byte[] {0x00, 0x01, 0x00}, 1, 1)).isEqualTo(Verdict.TLS);
    assertThat(start.see(new byte[] {'x'}, 0, 1)).as("a verdict stays").isEqualTo(Verdict.TLS);
  }

  @Test
  void aWrongFirstByteIsJudgedAtOnce() {
    assertThat(new TlsRecordStart().see(new byte[] {'{'}, 0, 1)).isEqualTo(Verdict.NOT_TLS);
  }

  @Test
  void showsAtMostEightBytesInHexWithTheirTextWhenPrintable() {
    TlsRecordStart start = new TlsRecordStart();
    byte[] frame = "{\"type\":\"hello\"}".getBytes(StandardCharsets.US_ASCII);
    start.see(frame, 0, 3);
    start.see(frame, 3, frame.length - 3);
    assertThat(start.shown()).isEqualTo("7b 22 74 79 70 65 22 3a (\"{\"type\":\")");

    TlsRecordStart alert = new TlsRecordStart();
    alert.see(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x0a}, 0, 7);
    assertThat(alert.shown()).isEqualTo("15 03 03 00 02 02 0a");
    assertThat(alert.recordKind()).isEqualTo("a TLS alert record");
  }
}
