package io.jipc.internal.transport;

import io.jipc.IpcProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads certificates and private keys from PEM text with the JDK alone. Stateless and thread-safe.
 *
 * <p>A PEM block is base64 DER between {@code -----BEGIN label-----} and {@code -----END
 * label-----}; text outside blocks is ignored. Certificates come from {@code CERTIFICATE} blocks,
 * in file order. A private key comes from exactly one key block, whose DER is one of:
 *
 * <pre>
 * PRIVATE KEY (PKCS#8)      SEQUENCE { INTEGER 0,
 *                                      SEQUENCE { OID algorithm, parameters },
 *                                      OCTET STRING key }
 * RSA PRIVATE KEY (PKCS#1)  SEQUENCE { INTEGER 0, n, e, d, p, q, dp, dq, qinv }
 * EC PRIVATE KEY (SEC1)     SEQUENCE { INTEGER 1, OCTET STRING d,
 *                                      [0] { OID namedCurve } OPTIONAL,
 *                                      [1] { BIT STRING publicKey } OPTIONAL }
 * </pre>
 *
 * <p>The JDK's {@link KeyFactory} reads only PKCS#8, so PKCS#1 and SEC1 keys are wrapped into a
 * PKCS#8 structure first: {@code rsaEncryption} with NULL parameters, or {@code id-ecPublicKey}
 * with the curve from {@code [0]}. Encrypted keys are refused. Every failure is an {@link
 * IpcProtocolException} {@code ERR_IPC_TLS_CONFIGURATION} naming the source, never the key bytes.
 */
final class PemReader {
  private static final int INTEGER = 0x02;
  private static final int OCTET_STRING = 0x04;
  private static final int NULL = 0x05;
  private static final int OID = 0x06;
  private static final int SEQUENCE = 0x30;
  private static final int EC_PARAMETERS = 0xa0;

  private static final byte[] VERSION_0 = {INTEGER, 1, 0};
  private static final byte[] RSA_ENCRYPTION = oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 1, 1);
  private static final byte[] EC_PUBLIC_KEY = oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 2, 1);
  private static final String ENCRYPTED =
      "encrypted keys are not supported; decrypt it or use TlsOptions.keyStore";

  /** PKCS#8 algorithm OIDs and the JDK KeyFactory that reads each. */
  private static final Map<String, String> KEY_FACTORIES =
      Map.of(
          "1.2.840.113549.1.1.1", "RSA",
          "1.2.840.113549.1.1.10", "RSASSA-PSS",
          "1.2.840.10045.2.1", "EC",
          "1.3.101.112", "Ed25519",
          "1.3.101.113", "Ed448");

  private record Block(String label, boolean encrypted, byte[] der) {}

  private PemReader() {}

  /**
   * Returns the certificates of every {@code CERTIFICATE} block of {@code pem}, in order.
   *
   * @param source names the PEM in messages, such as {@code "tls.public /etc/app/cert.pem"}
   * @throws IpcProtocolException if there is no such block or one does not parse
   */
  static List<X509Certificate> certificates(String pem, String source) throws IpcProtocolException {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks(pem, source)) {
        if (block.label().equals("CERTIFICATE")) {
          certificates.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
        }
      }
    } catch (CertificateException e) {
      throw error(source + ": certificate " + (certificates.size() + 1) + " does not parse", e);
    }
    if (certificates.isEmpty()) {
      throw error(source + " holds no BEGIN CERTIFICATE block", null);
    }
    return certificates;
  }

  /**
   * Returns the private key of the single key block of {@code pem}: PKCS#8 (RSA, RSASSA-PSS, EC,
   * Ed25519, Ed448), PKCS#1 RSA or SEC1 EC with a named curve.
   *
   * @param source names the PEM in messages, such as {@code "tls.key"}
   * @throws IpcProtocolException if there is no key block or more than one, if the key is
   *     encrypted, or if it does not parse
   */
  static PrivateKey privateKey(String pem, String source) throws IpcProtocolException {
    List<Block> keys = new ArrayList<>();
    for (Block block : blocks(pem, source)) {
      if (block.label().endsWith("PRIVATE KEY")) {
        keys.add(block);
      }
    }
    if (keys.size() != 1) {
      throw error(
          source
              + " holds "
              + keys.size()
              + " private key blocks, not one (BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE"
              + " KEY)",
          null);
    }
    Block key = keys.get(0);
    if (key.encrypted() || key.label().equals("ENCRYPTED PRIVATE KEY")) {
      throw error(source + " holds an encrypted key: " + ENCRYPTED, null);
    }
    try {
      return switch (key.label()) {
        case "PRIVATE KEY" -> pkcs8(key.der(), source);
        case "RSA PRIVATE KEY" -> decode("RSA", pkcs1ToPkcs8(key.der()), source);
        case "EC PRIVATE KEY" -> decode("EC", sec1ToPkcs8(key.der(), source), source);
        default -> throw error(source + " holds an unsupported BEGIN " + key.label(), null);
      };
    } catch (IllegalArgumentException e) {
      throw error(
          source + ": the " + key.label() + " is not valid DER (" + e.getMessage() + ")", e);
    }
  }

  private static PrivateKey pkcs8(byte[] der, String source) throws IpcProtocolException {
    Der info = new Der(der).enter(SEQUENCE);
    info.skip(INTEGER);
    String oid = dotted(info.enter(SEQUENCE).value(OID));
    String algorithm = KEY_FACTORIES.get(oid);
    if (algorithm == null) {
      throw error(source + " holds a key of unsupported algorithm " + oid, null);
    }
    return decode(algorithm, der, source);
  }

  private static byte[] pkcs1ToPkcs8(byte[] der) {
    new Der(der).enter(SEQUENCE);
    return tlv(
        SEQUENCE,
        VERSION_0,
        tlv(SEQUENCE, RSA_ENCRYPTION, new byte[] {NULL, 0}),
        tlv(OCTET_STRING, der));
  }

  private static byte[] sec1ToPkcs8(byte[] der, String source) throws IpcProtocolException {
    Der key = new Der(der).enter(SEQUENCE);
    key.skip(INTEGER);
    key.skip(OCTET_STRING);
    byte[] curve = null;
    while (key.more()) {
      if (key.tag() != EC_PARAMETERS) {
        key.skip(key.tag());
        continue;
      }
      Der parameters = key.enter(EC_PARAMETERS);
      if (parameters.tag() != OID) {
        throw error(
            source + " spells its EC curve out instead of naming it; use a named curve", null);
      }
      curve = parameters.element(OID);
    }
    if (curve == null) {
      throw error(
          source
              + " holds an EC PRIVATE KEY without its curve ([0] parameters); convert it to PKCS#8"
              + " (openssl pkcs8 -topk8 -nocrypt)",
          null);
    }
    return tlv(SEQUENCE, VERSION_0, tlv(SEQUENCE, EC_PUBLIC_KEY, curve), tlv(OCTET_STRING, der));
  }

  private static PrivateKey decode(String algorithm, byte[] pkcs8, String source)
      throws IpcProtocolException {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      // The JDK's messages describe the structure, never the key material.
      throw error(source + " holds an " + algorithm + " key this JDK cannot read: " + e, e);
    }
  }

  /**
   * Returns the text of a PEM file.
   *
   * @param failure starts the message if the file cannot be read, such as {@code "TLS server on
   *     127.0.0.1:8000 cannot read tls.public"}; the path and the exception type follow
   */
  static String read(Path file, String failure) throws IpcProtocolException {
    try {
      // PEM is ASCII; Latin-1 never fails to decode, so a stray byte shows up as bad base64.
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw error(failure + " " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private static List<Block> blocks(String pem, String source) throws IpcProtocolException {
    List<Block> blocks = new ArrayList<>();
    String label = null;
    StringBuilder body = new StringBuilder();
    boolean encrypted = false;
    for (String raw : pem.split("\r\n|\r|\n")) {
      String line = raw.strip();
      if (label == null) {
        if (line.startsWith("-----BEGIN ") && line.endsWith("-----") && line.length() > 16) {
          label = line.substring(11, line.length() - 5);
          body.setLength(0);
          encrypted = false;
        }
      } else if (line.equals("-----END " + label + "-----")) {
        try {
          blocks.add(new Block(label, encrypted, Base64.getDecoder().decode(body.toString())));
        } catch (IllegalArgumentException e) {
          throw error(source + ": the BEGIN " + label + " block is not valid base64", e);
        }
        label = null;
      } else if (line.startsWith("-----")) {
        throw error(source + ": BEGIN " + label + " ends with \"" + line + "\"", null);
      } else if (line.indexOf(':') >= 0) {
        // RFC 1421 headers; only the traditional-format encryption header matters here.
        encrypted |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
      } else {
        body.append(line);
      }
    }
    if (label != null) {
      throw error(source + ": BEGIN " + label + " has no END line", null);
    }
    return blocks;
  }

  private static IpcProtocolException error(String message, Throwable cause) {
    IpcProtocolException e =
        new IpcProtocolException(IpcProtocolException.TLS_CONFIGURATION, message);
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  private static String dotted(byte[] oid) {
    StringBuilder out = new StringBuilder();
    long arc = 0;
    for (int i = 0; i < oid.length; i++) {
      if (arc > Long.MAX_VALUE >>> 7) {
        throw new IllegalArgumentException("OID arc too large");
      }
      arc = (arc << 7) | (oid[i] & 0x7f);
      if ((oid[i] & 0x80) != 0) {
        continue;
      }
      if (out.length() == 0) {
        long first = Math.min(arc / 40, 2);
        out.append(first).append('.').append(arc - first * 40);
      } else {
        out.append('.').append(arc);
      }
      arc = 0;
    }
    return out.toString();
  }

  private static byte[] oid(int... contents) {
    byte[] bytes = new byte[contents.length];
    for (int i = 0; i < contents.length; i++) {
      bytes[i] = (byte) contents[i];
    }
    return tlv(OID, bytes);
  }

  /** Returns a DER element: tag, definite length (short or long form), then the parts. */
  private static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream contents = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      contents.writeBytes(part);
    }
    int length = contents.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else {
      int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | octets);
      for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
        out.write(length >>> shift);
      }
    }
    out.writeBytes(contents.toByteArray());
    return out.toByteArray();
  }

  /**
   * A cursor over consecutive DER elements of one byte range. Throws {@link
   * IllegalArgumentException} for a wrong tag, an indefinite length or a length past the range.
   */
  private static final class Der {
    private final byte[] bytes;
    private final int end;
    private int pos;

    Der(byte[] bytes) {
      this(bytes, 0, bytes.length);
    }

    private Der(byte[] bytes, int from, int end) {
      this.bytes = bytes;
      this.pos = from;
      this.end = end;
    }

    boolean more() {
      return pos < end;
    }

    int tag() {
      if (pos >= end) {
        throw new IllegalArgumentException("element missing at offset " + pos);
      }
      return bytes[pos] & 0xff;
    }

    /** Returns a cursor over the contents of the next element, which must have {@code tag}. */
    Der enter(int tag) {
      if (tag() != tag) {
        throw new IllegalArgumentException(
            "expected tag 0x" + Integer.toHexString(tag) + " at offset " + pos);
      }
      int at = pos + 1;
      if (at >= end) {
        throw new IllegalArgumentException("length missing at offset " + at);
      }
      int length = bytes[at++] & 0xff;
      if (length >= 0x80) {
        // Long form: the low bits count the length octets; 0 would be BER's indefinite length.
        int octets = length & 0x7f;
        if (octets == 0 || octets > 3 || at + octets > end) {
          throw new IllegalArgumentException("unsupported length form at offset " + (at - 1));
        }
        length = 0;
        for (int i = 0; i < octets; i++) {
          length = (length << 8) | (bytes[at++] & 0xff);
        }
      }
      if (length > end - at) {
        throw new IllegalArgumentException("length " + length + " runs past the end");
      }
      pos = at + length;
      return new Der(bytes, at, pos);
    }

    /** Returns the contents of the next element. */
    byte[] value(int tag) {
      Der inner = enter(tag);
      return Arrays.copyOfRange(bytes, inner.pos, inner.end);
    }

    /** Returns the whole next element: tag, length and contents. */
    byte[] element(int tag) {
      int start = pos;
      enter(tag);
      return Arrays.copyOfRange(bytes, start, pos);
    }

    void skip(int tag) {
      enter(tag);
    }
  }
}
