package io.jipc.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.IpcProtocolException;
import io.jipc.testing.TestPki;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;

/** PemReader: the key and certificate forms openssl and node write, and clear refusals. */
class PemReaderTest {
  private static final TestPki PKI = TestPki.shared();

  @Test
  void readsPkcs8EcKey() throws Exception {
    PrivateKey key = PemReader.privateKey(read(PKI.server().keyFile()), "tls.key");
    assertThat(key.getAlgorithm()).isEqualTo("EC");
    assertThat(((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(256);
  }

  @Test
  void readsSec1EcKeyAsTheSameKey() throws Exception {
    String sec1 = read(PKI.server().sec1KeyFile());
    assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");
    ECPrivateKey fromSec1 = (ECPrivateKey) PemReader.privateKey(sec1, "tls.key");
    ECPrivateKey fromPkcs8 =
        (ECPrivateKey) PemReader.privateKey(read(PKI.server().keyFile()), "tls.key");
    assertThat(fromSec1.getS()).isEqualTo(fromPkcs8.getS());
    assertThat(fromSec1.getParams().getOrder()).isEqualTo(fromPkcs8.getParams().getOrder());
  }

  @Test
  void readsPkcs8AndPkcs1RsaKeysAsTheSameKey() throws Exception {
    String pkcs1 = read(PKI.rsaServer().pkcs1KeyFile());
    assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    RSAPrivateCrtKey fromPkcs1 = (RSAPrivateCrtKey) PemReader.privateKey(pkcs1, "tls.key");
    RSAPrivateCrtKey fromPkcs8 =
        (RSAPrivateCrtKey) PemReader.privateKey(read(PKI.rsaServer().keyFile()), "tls.key");
    assertThat(fromPkcs8.getModulus().bitLength()).isEqualTo(2048);
    assertThat(fromPkcs1.getModulus()).isEqualTo(fromPkcs8.getModulus());
    assertThat(fromPkcs1.getPrivateExponent()).isEqualTo(fromPkcs8.getPrivateExponent());
  }

  @Test
  void acceptsCrlfLineEndingsAndTextAroundBlocks() throws Exception {
    String pem = "a comment\r\n" + read(PKI.client().keyFile()).replace("\n", "\r\n") + "trailer";
    assertThat(PemReader.privateKey(pem, "tls.key").getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void keepsTheOrderOfAChain() throws Exception {
    List<X509Certificate> chain = PemReader.certificates(read(PKI.server().certFile()), "tls.cert");
    X509Certificate ca = PemReader.certificates(read(PKI.caFile()), "tls.ca[0]").get(0);
    assertThat(chain).hasSize(2);
    assertThat(chain.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=jipc test server");
    assertThat(chain.get(1)).isEqualTo(ca);
  }

  @Test
  void refusesEncryptedPkcs8Key() {
    String pem =
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0w\n"
            + "-----END ENCRYPTED PRIVATE KEY-----\n";
    assertRefused(() -> PemReader.privateKey(pem, "tls.private /etc/key.pem"))
        .hasMessageContaining("tls.private /etc/key.pem")
        .hasMessageContaining(
            "encrypted keys are not supported; decrypt it or use" + " TlsOptions.keyStore");
  }

  @Test
  void refusesTraditionalEncryptedKey() {
    String pem =
        """
        -----BEGIN RSA PRIVATE KEY-----
        Proc-Type: 4,ENCRYPTED
        DEK-Info: AES-128-CBC,5E5E5E5E5E5E5E5E5E5E5E5E5E5E5E5E

        MIIEpAIBAAKCAQEAwQ==
        -----END RSA PRIVATE KEY-----
        """;
    assertRefused(() -> PemReader.privateKey(pem, "tls.key"))
        .hasMessageContaining("tls.key holds an encrypted key");
  }

  @Test
  void refusesTextWithoutPemBlocks() {
    assertRefused(() -> PemReader.privateKey("just some text", "tls.key"))
        .hasMessageContaining("tls.key holds 0 private key blocks");
    assertRefused(() -> PemReader.certificates("just some text", "tls.cert"))
        .hasMessageContaining("tls.cert holds no BEGIN CERTIFICATE block");
  }

  @Test
  void refusesCertificateFileGivenAsKey() throws Exception {
    String certs = read(PKI.server().certFile());
    assertRefused(() -> PemReader.privateKey(certs, "tls.private /srv/cert.pem"))
        .hasMessageContaining("tls.private /srv/cert.pem holds 0 private key blocks");
  }

  @Test
  void refusesGarbageInsideKeyBlockWithoutEchoingIt() {
    String body = Base64.getEncoder().encodeToString("secret-ish garbage bytes".getBytes());
    String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    assertRefused(() -> PemReader.privateKey(pem, "tls.key"))
        .hasMessageContaining("tls.key: the PRIVATE KEY is not valid DER")
        .hasMessageNotContaining(body);
  }

  @Test
  void refusesBadBase64AndMissingEndLine() {
    String bad = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
    assertRefused(() -> PemReader.certificates(bad, "tls.cert"))
        .hasMessageContaining("tls.cert: the BEGIN CERTIFICATE block is not valid base64");
    assertRefused(() -> PemReader.certificates("-----BEGIN CERTIFICATE-----\nAAAA\n", "tls.cert"))
        .hasMessageContaining("BEGIN CERTIFICATE has no END line");
  }

  @Test
  void refusesCertificateThatDoesNotParse() {
    String pem = "-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n";
    assertRefused(() -> PemReader.certificates(pem, "tls.cert"))
        .hasMessageContaining("tls.cert: certificate 1 does not parse");
  }

  @Test
  void refusesSec1KeyWithoutItsCurve() throws Exception {
    PrivateKeyInfo info =
        PrivateKeyInfo.getInstance(
            PemReader.privateKey(read(PKI.server().keyFile()), "tls.key").getEncoded());
    BigInteger secret =
        org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
    byte[] bare = new org.bouncycastle.asn1.sec.ECPrivateKey(256, secret).getEncoded();
    String pem =
        "-----BEGIN EC PRIVATE KEY-----\n"
            + Base64.getEncoder().encodeToString(bare)
            + "\n-----END EC PRIVATE KEY-----\n";
    assertRefused(() -> PemReader.privateKey(pem, "tls.key"))
        .hasMessageContaining("tls.key holds an EC PRIVATE KEY without its curve");
  }

  @Test
  void refusesTwoKeys() throws Exception {
    String two = read(PKI.server().keyFile()) + read(PKI.client().keyFile());
    assertRefused(() -> PemReader.privateKey(two, "tls.key"))
        .hasMessageContaining("tls.key holds 2 private key blocks, not one");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      ThrowingCallable call) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            IpcProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(IpcProtocolException.TLS_CONFIGURATION));
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file);
  }
}
