package io.jipc.testing;

import io.jipc.TlsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away public key infrastructure for TLS tests, generated at test time so that no key or
 * certificate is ever committed. {@link #shared()} generates it once per JVM into a private (0700)
 * temp directory removed at exit; {@link #create(Path)} generates a fresh one into a given
 * directory.
 *
 * <p>It holds two unrelated CAs ({@code ca}, {@code otherCa}) and leaf identities signed by them.
 * Every leaf's certificate file is the chain (leaf, then its CA); every key is written as PKCS#8
 * and in its traditional form (SEC1 with the named curve for EC, PKCS#1 for RSA), as openssl writes
 * them. EC leaves use P-256. Instances are immutable and thread-safe.
 */
public final class TestPki {
  private static final Duration LIFETIME = Duration.ofDays(365);
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
  private static TestPki shared; // Guarded by TestPki.class.

  /**
   * One leaf identity's files.
   *
   * @param certFile the certificate chain PEM: the leaf, then the CA that signed it
   * @param keyFile the private key as PKCS#8 ({@code BEGIN PRIVATE KEY})
   * @param sec1KeyFile for an EC key, the SEC1 form ({@code BEGIN EC PRIVATE KEY}, curve included);
   *     null for RSA
   * @param pkcs1KeyFile for an RSA key, the PKCS#1 form ({@code BEGIN RSA PRIVATE KEY}); null for
   *     EC
   */
  public record Identity(Path certFile, Path keyFile, Path sec1KeyFile, Path pkcs1KeyFile) {
    /** Returns a TLS options builder with this identity's key and certificate files set. */
    public TlsOptions.Builder tls() {
      return TlsOptions.builder().privateKey(keyFile).publicCert(certFile);
    }
  }

  private final Path caFile;
  private final Path otherCaFile;
  private final Identity server;
  private final Identity client;
  private final Identity expiredServer;
  private final Identity wrongHostServer;
  private final Identity otherCaServer;
  private final Identity otherCaClient;
  private final Identity rsaServer;

  private TestPki(Path dir) throws IOException, GeneralSecurityException {
    Instant now = Instant.now();
    Instant from = now.minus(Duration.ofHours(1));
    Instant until = now.plus(LIFETIME);
    Authority ca = Authority.create("jipc test CA", from, until);
    Authority otherCa = Authority.create("jipc other test CA", from, until);
    caFile = write(dir.resolve("ca.pem"), pem("CERTIFICATE", ca.cert.getEncoded()));
    otherCaFile = write(dir.resolve("other-ca.pem"), pem("CERTIFICATE", otherCa.cert.getEncoded()));
    GeneralNames local =
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.iPAddress, "::1"),
              new GeneralName(GeneralName.dNSName, "localhost")
            });
    GeneralNames wrong = new GeneralNames(new GeneralName(GeneralName.dNSName, "wrong.example"));
    KeyPurposeId serverAuth = KeyPurposeId.id_kp_serverAuth;
    // Both purposes: a node's one identity serves and connects, as in a mutual-TLS mesh.
    server =
        leaf(
            dir,
            "server",
            ca,
            ecKeys(),
            local,
            new KeyPurposeId[] {serverAuth, KeyPurposeId.id_kp_clientAuth},
            from,
            until);
    client = leaf(dir, "client", ca, ecKeys(), null, KeyPurposeId.id_kp_clientAuth, from, until);
    expiredServer =
        leaf(
            dir,
            "expired",
            ca,
            ecKeys(),
            local,
            serverAuth,
            now.minus(Duration.ofDays(30)),
            now.minus(Duration.ofDays(1)));
    wrongHostServer = leaf(dir, "wrong-host", ca, ecKeys(), wrong, serverAuth, from, until);
    otherCaServer = leaf(dir, "other-ca-server", otherCa, ecKeys(), local, serverAuth, from, until);
    otherCaClient =
        leaf(
            dir,
            "other-ca-client",
            otherCa,
            ecKeys(),
            null,
            KeyPurposeId.id_kp_clientAuth,
            from,
            until);
    rsaServer = leaf(dir, "rsa-server", ca, rsaKeys(), local, serverAuth, from, until);
  }

  /**
   * Returns the PKI of this test run, generating it on first use into a private temp directory that
   * is deleted when the JVM exits.
   */
  public static synchronized TestPki shared() {
    if (shared == null) {
      try {
        Path dir =
            Files.createTempDirectory(
                "jipc-pki",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "jipc-pki-cleanup"));
        shared = create(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** Generates a fresh PKI into the existing directory {@code dir}; slow (key generation). */
  public static TestPki create(Path dir) {
    try {
      return new TestPki(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate the test PKI", e);
    }
  }

  /** Returns the PEM file of the CA that signed every leaf but the {@code otherCa*} ones. */
  public Path caFile() {
    return caFile;
  }

  /** Returns the PEM file of the unrelated second CA. */
  public Path otherCaFile() {
    return otherCaFile;
  }

  /** Returns the EC server for 127.0.0.1, ::1 and localhost, signed by ca. */
  public Identity server() {
    return server;
  }

  /** Returns the EC client (clientAuth), signed by ca. */
  public Identity client() {
    return client;
  }

  /** Returns a server like {@link #server()} whose validity ended yesterday. */
  public Identity expiredServer() {
    return expiredServer;
  }

  /** Returns a server signed by ca whose only name is {@code wrong.example}. */
  public Identity wrongHostServer() {
    return wrongHostServer;
  }

  /** Returns a server like {@link #server()} but signed by otherCa. */
  public Identity otherCaServer() {
    return otherCaServer;
  }

  /** Returns a client like {@link #client()} but signed by otherCa. */
  public Identity otherCaClient() {
    return otherCaClient;
  }

  /** Returns a server like {@link #server()} with an RSA-2048 key. */
  public Identity rsaServer() {
    return rsaServer;
  }

  /** Returns mutual-TLS server options: the server identity, trusting ca for clients. */
  public TlsOptions serverOptions() {
    return server.tls().trustedConnections(caFile).build();
  }

  /** Returns client options that present the client identity and trust ca. */
  public TlsOptions clientOptions() {
    return client.tls().trustedConnections(caFile).build();
  }

  private record Authority(X500Name name, KeyPair keys, X509Certificate cert) {
    static Authority create(String commonName, Instant from, Instant until)
        throws GeneralSecurityException, IOException {
      X500Name name = new X500Name("CN=" + commonName);
      KeyPair keys = ecKeys();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  name, serial(), Date.from(from), Date.from(until), name, keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(keys.getPublic()));
      return new Authority(name, keys, sign(builder, keys));
    }
  }

  private static Identity leaf(
      Path dir,
      String name,
      Authority ca,
      KeyPair keys,
      GeneralNames names,
      KeyPurposeId purpose,
      Instant from,
      Instant until)
      throws GeneralSecurityException, IOException {
    return leaf(dir, name, ca, keys, names, new KeyPurposeId[] {purpose}, from, until);
  }

  private static Identity leaf(
      Path dir,
      String name,
      Authority ca,
      KeyPair keys,
      GeneralNames names,
      KeyPurposeId[] purposes,
      Instant from,
      Instant until)
      throws GeneralSecurityException, IOException {
    boolean rsa = keys.getPrivate().getAlgorithm().equals("RSA");
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    int usage = KeyUsage.digitalSignature | (rsa ? KeyUsage.keyEncipherment : 0);
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
                ca.name(),
                serial(),
                Date.from(from),
                Date.from(until),
                new X500Name("CN=jipc test " + name),
                keys.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
            .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
            .addExtension(
                Extension.authorityKeyIdentifier,
                false,
                ext.createAuthorityKeyIdentifier(ca.cert()));
    if (names != null) {
      builder.addExtension(Extension.subjectAlternativeName, false, names);
    }
    X509Certificate cert = sign(builder, ca.keys());
    Path certFile =
        write(
            dir.resolve(name + ".crt.pem"),
            pem("CERTIFICATE", cert.getEncoded()) + pem("CERTIFICATE", ca.cert().getEncoded()));
    byte[] pkcs8 = keys.getPrivate().getEncoded();
    Path keyFile = write(dir.resolve(name + ".key.pem"), pem("PRIVATE KEY", pkcs8));
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
    if (rsa) {
      byte[] pkcs1 = info.parsePrivateKey().toASN1Primitive().getEncoded();
      Path file = write(dir.resolve(name + ".pkcs1.pem"), pem("RSA PRIVATE KEY", pkcs1));
      return new Identity(certFile, keyFile, null, file);
    }
    Path file = write(dir.resolve(name + ".sec1.pem"), pem("EC PRIVATE KEY", sec1(keys, info)));
    return new Identity(certFile, keyFile, file, null);
  }

  /** The JDK's PKCS#8 EC key omits the curve inside; openssl's SEC1 form names it in [0]. */
  private static byte[] sec1(KeyPair keys, PrivateKeyInfo info) throws IOException {
    ASN1ObjectIdentifier curve =
        ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
    BigInteger secret = ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
    byte[] point =
        SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded())
            .getPublicKeyData()
            .getBytes();
    return new ECPrivateKey(256, secret, new DERBitString(point), curve).getEncoded();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws GeneralSecurityException {
    String algorithm =
        issuer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder(algorithm).build(issuer.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static KeyPair rsaKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.incrementAndGet());
  }

  private static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text, StandardCharsets.US_ASCII);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // The JVM is exiting; a leftover temp directory is all that can go wrong.
    }
  }
}
