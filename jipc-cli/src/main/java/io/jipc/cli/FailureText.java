package io.jipc.cli;

import io.jipc.IpcProtocolException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A failure as the one line a command prints: the node-ipc code when there is one, the message of
 * the failure (or of its first cause that has one), without the JDK's or jipc's class names ({@code
 * sun.security.validator.ValidatorException: }), and without a context the message already starts
 * with ({@code cannot listen on X: cannot listen on X: ...}). Stateless and thread-safe.
 */
final class FailureText {
  /** A qualified class name of the JDK or jipc, with the ": " that follows it in a message. */
  private static final Pattern CLASS_NAME =
      Pattern.compile(
          "\\b(?:java|javax|jdk|sun|com\\.sun|io\\.jipc)(?:\\.[A-Za-z_$][A-Za-z0-9_$]*)*"
              + "\\.[A-Z][A-Za-z0-9_$]*(?::\\s*)?");

  /** Causes followed to find a message or a protocol code. */
  private static final int MAX_CAUSES = 16;

  /** The hint a client gets when the server's certificate chains to no CA it trusts. */
  static final String CA_HINT = "pass the server's CA with --ca <file>";

  private FailureText() {}

  /** Returns {@code failure} as one line: the node-ipc code when there is one, and the message. */
  static String describe(Throwable failure) {
    Throwable shown = failure;
    IpcProtocolException protocol = null;
    Throwable t = failure;
    for (int depth = 0; depth < MAX_CAUSES && t != null; depth++, t = t.getCause()) {
      if (text(shown.getMessage()).isEmpty()) {
        shown = t;
      }
      if (protocol == null && t instanceof IpcProtocolException p) {
        protocol = p;
      }
    }
    String message = text(shown.getMessage());
    if (message.isEmpty()) {
      message = words(shown.getClass().getSimpleName());
    }
    if (protocol != null && !message.contains(protocol.code())) {
      return protocol.code() + ": " + message;
    }
    return message;
  }

  /**
   * Returns {@code "<context>: <failure>"}, or only the failure when its text already starts with
   * {@code context} (jipc's messages name the endpoint themselves).
   */
  static String inContext(String context, Throwable failure) {
    String why = describe(failure);
    return why.startsWith(context) ? why : context + ": " + why;
  }

  /**
   * Returns the message of a failed connect to {@code target}: {@code "cannot connect to <target>:
   * <why>"} (unless the failure says so already), with a hint to {@code --ca} when a TLS server's
   * certificate chains to no trusted CA.
   */
  static String connectFailure(Target target, Throwable failure) {
    String why = describe(failure);
    String line =
        why.startsWith("cannot connect to") ? why : "cannot connect to " + target + ": " + why;
    return target.isTls() && untrustedCertificate(failure) ? line + "; " + CA_HINT : line;
  }

  /** True if a certificate path to a trusted CA could not be built or did not validate. */
  private static boolean untrustedCertificate(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; depth < MAX_CAUSES && t != null; depth++, t = t.getCause()) {
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
        return true;
      }
      String message = text(t.getMessage());
      if (message.contains("PKIX path") || message.contains("valid certification path")) {
        return true;
      }
    }
    return false;
  }

  /** Returns {@code message} without class names, trimmed; empty for null. */
  private static String text(String message) {
    return message == null ? "" : CLASS_NAME.matcher(message).replaceAll("").trim();
  }

  /** Returns a class's simple name as words: {@code ClosedChannelException} is "closed channel". */
  private static String words(String simpleName) {
    String name = simpleName.replaceFirst("(Exception|Error)$", "");
    if (name.isEmpty()) {
      return "failed";
    }
    String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
    return spaced.toLowerCase(Locale.ROOT);
  }
}
