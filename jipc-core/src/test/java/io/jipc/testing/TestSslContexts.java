package io.jipc.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * JDK {@link SSLContext}s for test peers (scripted raw peers, plain JSSE sockets) built from {@link
 * TestPki} files with BouncyCastle's PEM reader, independent of the PEM reader under test.
 */
public final class TestSslContexts {
  private static final char[] PASSWORD = "test".toCharArray();

  private TestSslContexts() {}

  /** A context that trusts {@code caFile} and has no key of its own. */
  public static SSLContext trusting(Path caFile) {
    return context(null, caFile);
  }

  /** A context with {@code identity}'s key and chain that trusts {@code caFile} (may be null). */
  public static SSLContext of(TestPki.Identity identity, Path caFile) {
    return context(identity, caFile);
  }

  /**
   * A PKCS#12 key store holding {@code identity}'s key and chain under {@code password}, written to
   * bytes and loaded back as a PKCS#12 file would be.
   */
  public static KeyStore pkcs12(TestPki.Identity identity, char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      List<X509Certificate> chain = certificates(identity.certFile());
      store.setKeyEntry("me", key(identity.keyFile()), password, chain.toArray(new Certificate[0]));
      return reloaded(store, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a test key store", e);
    }
  }

  /** A PKCS#12 trust store holding the certificates of {@code caFile}, loaded back from bytes. */
  public static KeyStore trustStore(Path caFile) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (X509Certificate ca : certificates(caFile)) {
        store.setCertificateEntry("ca" + i++, ca);
      }
      return reloaded(store, PASSWORD);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a test trust store", e);
    }
  }

  private static KeyStore reloaded(KeyStore store, char[] password)
      throws GeneralSecurityException, IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    store.store(bytes, password);
    KeyStore loaded = KeyStore.getInstance("PKCS12");
    loaded.load(new ByteArrayInputStream(bytes.toByteArray()), password);
    return loaded;
  }

  private static SSLContext context(TestPki.Identity identity, Path caFile) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      KeyManagerFactory keys = null;
      if (identity != null) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        List<X509Certificate> chain = certificates(identity.certFile());
        store.setKeyEntry(
            "me", key(identity.keyFile()), PASSWORD, chain.toArray(new Certificate[0]));
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
      }
      TrustManagerFactory trust = null;
      if (caFile != null) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate ca : certificates(caFile)) {
          store.setCertificateEntry("ca" + i++, ca);
        }
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
      }
      context.init(
          keys == null ? null : keys.getKeyManagers(),
          trust == null ? null : trust.getTrustManagers(),
          null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a test SSLContext", e);
    }
  }

  private static List<X509Certificate> certificates(Path file)
      throws IOException, GeneralSecurityException {
    List<X509Certificate> certificates = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (Reader reader = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(reader)) {
      Object item;
      while ((item = parser.readObject()) != null) {
        if (item instanceof X509CertificateHolder holder) {
          certificates.add(converter.getCertificate(holder));
        }
      }
    }
    return certificates;
  }

  private static PrivateKey key(Path file) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (Reader reader = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(reader)) {
      Object item;
      while ((item = parser.readObject()) != null) {
        if (item instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (item instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
      }
    }
    throw new IOException("no private key in " + file);
  }
}
