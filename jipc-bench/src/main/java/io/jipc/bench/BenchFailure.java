package io.jipc.bench;

/** Why a client run did not produce a valid measurement; its message goes into the result. */
final class BenchFailure extends Exception {
  private static final long serialVersionUID = 1L;

  BenchFailure(String message) {
    super(message, null, false, false);
  }
}
