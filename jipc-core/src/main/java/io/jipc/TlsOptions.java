package io.jipc;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * node-ipc's {@code ipc.config.tls}: the key material and checks of a TLS server or client. Setting
 * it on a config ({@link IpcConfig.Builder#tls}) turns a TCP endpoint into a TLS one, as in
 * node-ipc. Create with {@link #builder()}; instances are immutable and thread-safe.
 *
 * <p>Key material comes from node-ipc's options — PEM files ({@code private}, {@code public},
 * {@code trustedConnections}) or PEM text ({@code key}, {@code cert}, {@code ca}) — or from Java
 * objects: a {@link KeyStore} (for example PKCS#12) or a ready {@link SSLContext}. PEM private keys
 * may be PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}) or SEC1 EC
 * ({@code BEGIN EC PRIVATE KEY}); a certificate PEM may hold a chain, leaf first. Encrypted keys
 * are refused; decrypt them or use a key store.
 *
 * <p>The rules are node-ipc 14's, applied when a server starts or a client connects:
 *
 * <ul>
 *   <li>A server needs a key and certificate; there is no built-in fallback. Without them {@code
 *       start()} throws {@link IpcProtocolException} {@code ERR_IPC_TLS_CONFIGURATION}.
 *   <li>A server given trusted CAs ({@code trustedConnections} or {@code ca}) requests client
 *       certificates ({@code requestCert} defaults to true) and rejects clients without a valid one
 *       ({@code rejectUnauthorized} then defaults to true): mutual TLS.
 *   <li>A client verifies the server's certificate against the trusted CAs (the JDK's default trust
 *       store when none are given) and the host it connects to, by DNS name or by IP address SAN
 *       ({@code rejectUnauthorized} defaults to true). It presents its own key and certificate when
 *       given them.
 * </ul>
 *
 * <p>{@code rejectUnauthorized(false)} turns verification off on that side: the peer's chain is
 * still available but unverified. Use it only in tests.
 */
public final class TlsOptions {
  private final Path privateKey;
  private final Path publicCert;
  private final String key;
  private final String cert;
  private final List<Path> trustedConnections;
  private final List<String> ca;
  private final Object dhparam;
  private final Boolean requestCert;
  private final Boolean rejectUnauthorized;
  private final SSLContext sslContext;
  private final KeyStore keyStore;
  private final char[] keyStorePassword;
  private final KeyStore trustStore;
  private final List<String> protocols;
  private final String serverName;
  private final Duration handshakeTimeout;

  private TlsOptions(Builder b) {
    privateKey = b.privateKey;
    publicCert = b.publicCert;
    key = b.key;
    cert = b.cert;
    trustedConnections = List.copyOf(b.trustedConnections);
    ca = List.copyOf(b.ca);
    dhparam = b.dhparam;
    requestCert = b.requestCert;
    rejectUnauthorized = b.rejectUnauthorized;
    sslContext = b.sslContext;
    keyStore = b.keyStore;
    keyStorePassword = b.keyStorePassword == null ? null : b.keyStorePassword.clone();
    trustStore = b.trustStore;
    protocols = List.copyOf(b.protocols);
    serverName = b.serverName;
    handshakeTimeout = b.handshakeTimeout;
  }

  /** Returns a builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns node-ipc's {@code private}: the PEM private key file, or null. */
  public Path privateKey() {
    return privateKey;
  }

  /** Returns node-ipc's {@code public}: the PEM certificate (chain) file, or null. */
  public Path publicCert() {
    return publicCert;
  }

  /** Returns node-ipc's {@code key}: PEM private key text, or null. */
  public String key() {
    return key;
  }

  /** Returns node-ipc's {@code cert}: PEM certificate (chain) text, or null. */
  public String cert() {
    return cert;
  }

  /** Returns node-ipc's {@code trustedConnections}: PEM CA certificate files; may be empty. */
  public List<Path> trustedConnections() {
    return trustedConnections;
  }

  /** Returns node-ipc's {@code ca}: PEM CA certificate texts; may be empty. */
  public List<String> ca() {
    return ca;
  }

  /** Returns node-ipc's {@code dhparam} (a path or PEM text), accepted and not used; or null. */
  public Object dhparam() {
    return dhparam;
  }

  /** Returns node-ipc's {@code requestCert}, or null when not set (see the class rules). */
  public Boolean requestCert() {
    return requestCert;
  }

  /** Returns node-ipc's {@code rejectUnauthorized}, or null when not set (see the class rules). */
  public Boolean rejectUnauthorized() {
    return rejectUnauthorized;
  }

  /** Returns the ready-made context that replaces all key and trust options, or null. */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** Returns the key store holding this side's key and certificate chain, or null. */
  public KeyStore keyStore() {
    return keyStore;
  }

  /** Returns a copy of the key store's key password, or null. */
  public char[] keyStorePassword() {
    return keyStorePassword == null ? null : keyStorePassword.clone();
  }

  /** Returns the key store holding trusted CA certificates, or null. */
  public KeyStore trustStore() {
    return trustStore;
  }

  /** Returns the enabled protocol versions. The default is TLSv1.3 and TLSv1.2. */
  public List<String> protocols() {
    return protocols;
  }

  /** Returns the host name a client verifies instead of the one it connects to, or null. */
  public String serverName() {
    return serverName;
  }

  /** Returns the longest a handshake may take. The default is 10 s. */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** Returns true if this side has its own key and certificate from some option. */
  public boolean hasOwnKey() {
    return sslContext != null
        || keyStore != null
        || ((privateKey != null || key != null) && (publicCert != null || cert != null));
  }

  /** Returns true if trusted CAs were given (PEM files, PEM text or a trust store). */
  public boolean hasTrustedCas() {
    return !trustedConnections.isEmpty() || !ca.isEmpty() || trustStore != null;
  }

  @Override
  public String toString() {
    return "TlsOptions[ownKey="
        + hasOwnKey()
        + ", trustedCas="
        + hasTrustedCas()
        + ", requestCert="
        + requestCert
        + ", rejectUnauthorized="
        + rejectUnauthorized
        + ", protocols="
        + protocols
        + "]";
  }

  /**
   * Mutable builder of {@link TlsOptions}. Setters check their argument at once and throw {@link
   * IllegalArgumentException} or {@link NullPointerException} naming the option; files are read
   * when the endpoint starts or connects, so a missing file is reported then, with its path. Not
   * thread-safe.
   */
  public static final class Builder {
    private Path privateKey;
    private Path publicCert;
    private String key;
    private String cert;
    private final List<Path> trustedConnections = new ArrayList<>();
    private final List<String> ca = new ArrayList<>();
    private Object dhparam;
    private Boolean requestCert;
    private Boolean rejectUnauthorized;
    private SSLContext sslContext;
    private KeyStore keyStore;
    private char[] keyStorePassword;
    private KeyStore trustStore;
    private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");
    private String serverName;
    private Duration handshakeTimeout = Duration.ofSeconds(10);

    Builder() {}

    /** Sets node-ipc's {@code private}: this side's PEM private key file. Not set by default. */
    public Builder privateKey(Path file) {
      this.privateKey = Objects.requireNonNull(file, "private");
      return this;
    }

    /** Sets node-ipc's {@code public}: this side's PEM certificate (chain) file. Not set. */
    public Builder publicCert(Path file) {
      this.publicCert = Objects.requireNonNull(file, "public");
      return this;
    }

    /** Sets node-ipc's {@code key}: this side's private key as PEM text. Not set by default. */
    public Builder key(String pem) {
      this.key = Objects.requireNonNull(pem, "key");
      return this;
    }

    /** Sets node-ipc's {@code cert}: this side's certificate (chain) as PEM text. Not set. */
    public Builder cert(String pem) {
      this.cert = Objects.requireNonNull(pem, "cert");
      return this;
    }

    /**
     * Adds node-ipc's {@code trustedConnections}: PEM files of CA certificates this side trusts. On
     * a server they turn on client-certificate checks (mutual TLS). None by default.
     */
    public Builder trustedConnections(Path... files) {
      for (Path file : files) {
        trustedConnections.add(Objects.requireNonNull(file, "trustedConnections"));
      }
      return this;
    }

    /** Adds node-ipc's {@code ca}: CA certificates as PEM text, like trustedConnections. None. */
    public Builder ca(String... pems) {
      for (String pem : pems) {
        ca.add(Objects.requireNonNull(pem, "ca"));
      }
      return this;
    }

    /**
     * Accepts node-ipc's {@code dhparam} (a file path or PEM text) for compatibility; the JDK picks
     * its own finite-field groups, so it is not used. Not set by default.
     */
    public Builder dhparam(Object pathOrPem) {
      this.dhparam = Objects.requireNonNull(pathOrPem, "dhparam");
      return this;
    }

    /** Sets node-ipc's {@code requestCert} (server). Default: true when trusted CAs are given. */
    public Builder requestCert(boolean requestCert) {
      this.requestCert = requestCert;
      return this;
    }

    /**
     * Sets node-ipc's {@code rejectUnauthorized}: refuse a peer whose certificate does not verify.
     * Default: true on a client, and on a server that requests certificates.
     */
    public Builder rejectUnauthorized(boolean rejectUnauthorized) {
      this.rejectUnauthorized = rejectUnauthorized;
      return this;
    }

    /**
     * Uses a ready {@link SSLContext} for keys and trust; the PEM and key store options are then
     * ignored. The context's own trust managers decide which chains verify; {@code requestCert}
     * still decides whether a server asks for client certificates, and {@code
     * rejectUnauthorized(false)} here only turns off a client's host name check.
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = Objects.requireNonNull(context, "sslContext");
      return this;
    }

    /**
     * Takes this side's key and certificate chain from {@code store} (for example a loaded PKCS#12
     * file), whose keys are protected by {@code password}.
     */
    public Builder keyStore(KeyStore store, char[] password) {
      this.keyStore = Objects.requireNonNull(store, "keyStore");
      this.keyStorePassword = password == null ? new char[0] : password.clone();
      return this;
    }

    /** Trusts the CA certificates in {@code store}, in addition to any PEM CAs. */
    public Builder trustStore(KeyStore store) {
      this.trustStore = Objects.requireNonNull(store, "trustStore");
      return this;
    }

    /**
     * Sets the enabled protocol versions, each {@code TLSv1.2} or {@code TLSv1.3}. The default is
     * both.
     */
    public Builder protocols(String... versions) {
      if (versions.length == 0) {
        throw new IllegalArgumentException("protocols must name at least one version");
      }
      for (String version : versions) {
        if (!"TLSv1.2".equals(version) && !"TLSv1.3".equals(version)) {
          throw new IllegalArgumentException(
              "protocols must be TLSv1.2 or TLSv1.3, not " + version);
        }
      }
      this.protocols = List.copyOf(Arrays.asList(versions));
      return this;
    }

    /**
     * Sets the host name a client sends (SNI) and verifies in the server's certificate instead of
     * the host it connects to (node's {@code servername}). Not set by default.
     */
    public Builder serverName(String hostName) {
      Objects.requireNonNull(hostName, "serverName");
      if (hostName.isEmpty()) {
        throw new IllegalArgumentException("serverName must not be empty");
      }
      this.serverName = hostName;
      return this;
    }

    /**
     * Sets the longest a TLS handshake may take, 1 ms to 1 day; a peer that stalls longer is
     * dropped with an error. The default is 10 s.
     */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = OptionChecks.nonZeroTimeout("handshakeTimeout", timeout);
      return this;
    }

    /** Returns the immutable options. */
    public TlsOptions build() {
      return new TlsOptions(this);
    }
  }
}
