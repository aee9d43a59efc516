package io.jipc.internal.transport;

import io.jipc.IpcProtocolException;
import io.jipc.TlsOptions;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Turns {@link TlsOptions} into configured {@link SSLEngine}s for one side of one endpoint, by
 * node-ipc 14's rules (see {@link TlsOptions}): a server must have its own key; trusted CAs make a
 * server request client certificates ({@code requestCert}) and refuse unverified ones ({@code
 * rejectUnauthorized}); a client verifies the server's chain and host name unless told not to. The
 * assured profile insists on mutual, verifying TLS.
 *
 * <p>All files are read and all checks made in the factory methods, so a bad configuration fails
 * when the server binds or the client first connects, with a message naming the endpoint and the
 * option (and file). A ready {@link SSLContext} in the options replaces key and trust material; its
 * trust decisions are then its own. Immutable and thread-safe once made.
 */
final class TlsEngines {
  // Protects the key only inside a KeyStore that never leaves this process.
  private static final char[] IN_MEMORY_PASSWORD = "jipc".toCharArray();

  private final SSLContext context;
  private final boolean client;
  private final boolean requestCert;
  private final boolean rejectUnauthorized;
  private final String[] protocols;
  private final String serverName;
  private final Duration handshakeTimeout;

  private TlsEngines(
      SSLContext context,
      boolean client,
      boolean requestCert,
      boolean rejectUnauthorized,
      TlsOptions options) {
    this.context = context;
    this.client = client;
    this.requestCert = requestCert;
    this.rejectUnauthorized = rejectUnauthorized;
    this.protocols = options.protocols().toArray(new String[0]);
    this.serverName = options.serverName();
    this.handshakeTimeout = options.handshakeTimeout();
  }

  /**
   * Reads and checks a server's key material and trust; {@code dhparam} is accepted and ignored.
   *
   * @param endpoint names the endpoint in messages
   * @throws IpcProtocolException {@code ERR_IPC_TLS_CONFIGURATION} without own key material or for
   *     an unreadable or invalid file or PEM text
   */
  static TlsEngines forServer(TlsOptions options, String endpoint) throws IOException {
    String side = "TLS server on " + endpoint;
    if (!options.hasOwnKey()) {
      throw error(
          IpcProtocolException.TLS_CONFIGURATION,
          side
              + " needs a key and certificate: set tls.private/tls.public (files) or"
              + " tls.key/tls.cert (PEM text), or a key store; jipc has no built-in key",
          null);
    }
    boolean requestCert =
        Objects.requireNonNullElse(options.requestCert(), options.hasTrustedCas());
    boolean reject = Objects.requireNonNullElse(options.rejectUnauthorized(), true);
    SSLContext context = options.sslContext();
    if (context == null) {
      context =
          context(
              keyManagers(options, side), requestCert ? trust(options, side, reject) : null, side);
    }
    return new TlsEngines(context, false, requestCert, reject, options);
  }

  /**
   * Reads and checks a client's trust and, if given, its own key material.
   *
   * @param endpoint names the endpoint in messages
   * @throws IpcProtocolException {@code ERR_IPC_TLS_CONFIGURATION} for an unreadable or invalid
   *     file or PEM text
   */
  static TlsEngines forClient(TlsOptions options, String endpoint) throws IOException {
    String side = "TLS client of " + endpoint;
    boolean reject = Objects.requireNonNullElse(options.rejectUnauthorized(), true);
    SSLContext context = options.sslContext();
    if (context == null) {
      context = context(keyManagers(options, side), trust(options, side, reject), side);
    }
    return new TlsEngines(context, true, false, reject, options);
  }

  /**
   * Returns a new engine for one connection, not yet handshaking. A client engine verifies the
   * server's certificate against {@code tls.serverName}, or else {@code peerHost}, by DNS name or
   * IP address, and sends that name as SNI when it is a host name.
   *
   * @param peerHost the host name or IP address (no brackets) connected to; may be null on a server
   * @param peerPort the port connected to, or -1
   */
  SSLEngine newEngine(String peerHost, int peerPort) {
    String host = client && serverName != null ? serverName : peerHost;
    if (client) {
      Objects.requireNonNull(host, "peerHost");
    }
    SSLEngine engine =
        host == null ? context.createSSLEngine() : context.createSSLEngine(host, peerPort);
    engine.setUseClientMode(client);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setProtocols(protocols.clone());
    if (client) {
      if (rejectUnauthorized) {
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
      }
      parameters.setServerNames(sni(host));
    } else if (requestCert && rejectUnauthorized) {
      parameters.setNeedClientAuth(true);
    } else if (requestCert) {
      parameters.setWantClientAuth(true);
    }
    engine.setSSLParameters(parameters);
    return engine;
  }

  /** Returns the longest a handshake may take ({@code tls.handshakeTimeout}). */
  Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** Returns true if engines refuse a peer whose certificate does not verify. */
  boolean verifiesPeer() {
    return client ? rejectUnauthorized : requestCert && rejectUnauthorized;
  }

  /**
   * Returns what one side of TLS with {@code options} guarantees about its peer: the list of what
   * keeps it from being mutual and verifying, which the assured profile needs.
   *
   * @param server true for the server side, which verifies clients only when it requests their
   *     certificates ({@code requestCert}, by default when it trusts CAs)
   * @param endpoint names the endpoint in messages
   */
  static PeerGuarantee.Tls guarantee(TlsOptions options, boolean server, String endpoint) {
    boolean requestCert =
        !server || Objects.requireNonNullElse(options.requestCert(), options.hasTrustedCas());
    boolean reject = Objects.requireNonNullElse(options.rejectUnauthorized(), true);
    List<String> missing = new ArrayList<>();
    if (!requestCert) {
      missing.add("requestCert is false");
    }
    if (!reject) {
      missing.add("rejectUnauthorized is false");
    }
    // A ready context carries its own trust, which cannot be inspected here.
    if (!options.hasTrustedCas() && options.sslContext() == null) {
      missing.add("no trusted CAs (tls.trustedConnections, tls.ca or a trust store)");
    }
    if (!options.hasOwnKey()) {
      missing.add("no key and certificate of its own (tls.private/tls.public or a key store)");
    }
    String side = server ? "TLS server on " : "TLS client of ";
    return new PeerGuarantee.Tls(side + endpoint, List.copyOf(missing));
  }

  private static TrustManager[] trust(TlsOptions options, String side, boolean verify)
      throws IOException {
    return verify ? trustManagers(options, side) : new TrustManager[] {new AcceptAny()};
  }

  private static SSLContext context(KeyManager[] keys, TrustManager[] trust, String side)
      throws IpcProtocolException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw error(IpcProtocolException.TLS_CONFIGURATION, side + " cannot set up TLS: " + e, e);
    }
  }

  /** Returns the key managers of this side's own key, or null when it has none. */
  private static KeyManager[] keyManagers(TlsOptions options, String side) throws IOException {
    refuseAmbiguousKey(options, side);
    Path keyFile = options.privateKey();
    Path certFile = options.publicCert();
    try {
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      if (options.keyStore() != null) {
        factory.init(options.keyStore(), options.keyStorePassword());
        return factory.getKeyManagers();
      }
      if (keyFile == null && options.key() == null) {
        return null;
      }
      String keySource = keyFile != null ? side + ": tls.private " + keyFile : side + ": tls.key";
      String certSource =
          certFile != null ? side + ": tls.public " + certFile : side + ": tls.cert";
      PrivateKey key =
          PemReader.privateKey(
              keyFile != null
                  ? PemReader.read(keyFile, side + " cannot read tls.private")
                  : options.key(),
              keySource);
      List<X509Certificate> chain =
          PemReader.certificates(
              certFile != null
                  ? PemReader.read(certFile, side + " cannot read tls.public")
                  : options.cert(),
              certSource);
      checkPair(key, chain.get(0), keySource, certSource);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("own", key, IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
      factory.init(store, IN_MEMORY_PASSWORD);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException e) {
      throw error(IpcProtocolException.TLS_CONFIGURATION, side + " cannot use its key: " + e, e);
    }
  }

  private static void refuseAmbiguousKey(TlsOptions options, String side)
      throws IpcProtocolException {
    boolean hasKey = options.privateKey() != null || options.key() != null;
    boolean hasCert = options.publicCert() != null || options.cert() != null;
    String both = null;
    if (options.privateKey() != null && options.key() != null) {
      both = "tls.private and tls.key";
    } else if (options.publicCert() != null && options.cert() != null) {
      both = "tls.public and tls.cert";
    } else if ((hasKey || hasCert) && options.keyStore() != null) {
      both = "PEM key material and a key store";
    }
    if (both != null) {
      throw config(side + " has both " + both + "; set only one");
    }
    if (hasKey != hasCert) {
      throw config(
          side
              + (hasKey ? " has a key but no certificate" : " has a certificate but no key")
              + ": set tls.private/tls.public or tls.key/tls.cert");
    }
  }

  /** Returns trust managers over the given CAs, or the JDK's default trust when none are given. */
  private static TrustManager[] trustManagers(TlsOptions options, String side) throws IOException {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (!options.hasTrustedCas()) {
        factory.init((KeyStore) null);
        return factory.getTrustManagers();
      }
      List<Certificate> cas = new ArrayList<>();
      for (Path file : options.trustedConnections()) {
        String pem = PemReader.read(file, side + " cannot read tls.trustedConnections");
        cas.addAll(PemReader.certificates(pem, side + ": tls.trustedConnections " + file));
      }
      for (int i = 0; i < options.ca().size(); i++) {
        cas.addAll(PemReader.certificates(options.ca().get(i), side + ": tls.ca[" + i + "]"));
      }
      KeyStore given = options.trustStore();
      if (given != null) {
        for (String alias : Collections.list(given.aliases())) {
          Certificate certificate = given.getCertificate(alias);
          if (certificate != null) {
            cas.add(certificate);
          }
        }
      }
      if (cas.isEmpty()) {
        throw config(side + " has a trust store without certificates");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca" + i, cas.get(i));
      }
      factory.init(store);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw error(
          IpcProtocolException.TLS_CONFIGURATION, side + " cannot use its trusted CAs: " + e, e);
    }
  }

  /** Signs and verifies a probe, so a key and certificate that do not match fail here, clearly. */
  private static void checkPair(
      PrivateKey key, X509Certificate cert, String keySource, String certSource)
      throws IpcProtocolException {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
          default -> null; // RSASSA-PSS needs parameters; the handshake will tell.
        };
    if (algorithm == null) {
      return;
    }
    byte[] probe = "jipc key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(probe);
      byte[] signed = signature.sign();
      signature.initVerify(cert.getPublicKey());
      signature.update(probe);
      if (signature.verify(signed)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // A key of another type than the certificate's: the same mismatch, reported below.
    }
    throw config(keySource + " does not match the first certificate of " + certSource);
  }

  private static List<SNIServerName> sni(String host) {
    // SNI carries DNS names only (RFC 6066), and SNIHostName refuses some (with an underscore,
    // say);
    // either way the name is still verified against the certificate.
    boolean ip = host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    try {
      return ip ? List.of() : List.of(new SNIHostName(host));
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  private static IpcProtocolException config(String message) {
    return error(IpcProtocolException.TLS_CONFIGURATION, message, null);
  }

  private static IpcProtocolException error(String code, String message, Throwable cause) {
    IpcProtocolException e = new IpcProtocolException(code, message);
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  /**
   * Accepts every chain: node's {@code rejectUnauthorized: false}. Extends the extended manager so
   * the JDK adds no host name check of its own around it.
   */
  private static final class AcceptAny extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
