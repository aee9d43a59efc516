package io.jipc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailureTextTest {
  @Test
  void messagelessFailureIsDescribedInWordsNotByItsClass() {
    assertThat(FailureText.describe(new ClosedChannelException())).isEqualTo("closed channel");
    assertThat(FailureText.describe(new SocketException())).isEqualTo("socket");
    assertThat(FailureText.describe(new IOException(new SocketException("Connection reset"))))
        .isEqualTo("Connection reset");
  }

  @Test
  void classNamesInsideMessagesAreDropped() {
    SSLHandshakeException e =
        new SSLHandshakeException(
            "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException:"
                + " unable to find valid certification path to requested target");

    assertThat(FailureText.describe(e))
        .isEqualTo(
            "PKIX path building failed: unable to find valid certification path to requested"
                + " target");
    assertThat(FailureText.describe(new IOException("java.net.SocketException: Broken pipe")))
        .isEqualTo("Broken pipe");
  }

  @Test
  void contextTheMessageAlreadyStartsWithIsNotRepeated() {
    IOException inUse = new IOException("cannot listen on 127.0.0.1:80: Address already in use");

    assertThat(FailureText.inContext("cannot listen on 127.0.0.1:80", inUse))
        .isEqualTo("cannot listen on 127.0.0.1:80: Address already in use");
    assertThat(FailureText.inContext("cannot listen on x", new IOException("No such file")))
        .isEqualTo("cannot listen on x: No such file");
  }

  @Test
  void unknownCaOfATlsServerGetsTheHintToCa() {
    Target tls = new Target.Converter().convert("tls://127.0.0.1:1");
    Target tcp = new Target.Converter().convert("tcp://127.0.0.1:1");
    IOException untrusted =
        new IOException(
            "TLS handshake failed",
            new SSLHandshakeException("PKIX path building failed")
                .initCause(new CertPathBuilderException("no path")));

    assertThat(FailureText.connectFailure(tls, untrusted))
        .isEqualTo(
            "cannot connect to tls://127.0.0.1:1: TLS handshake failed; " + FailureText.CA_HINT);
    assertThat(FailureText.connectFailure(tcp, new IOException("Connection refused")))
        .isEqualTo("cannot connect to tcp://127.0.0.1:1: Connection refused");
  }
}
