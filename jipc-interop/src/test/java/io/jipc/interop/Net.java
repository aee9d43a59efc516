package io.jipc.interop;

import java.util.List;

/** The transports of the gate, as the results table names them. */
enum Net {
  UNIX("unix"),
  TCP("tcp"),
  TLS("tls, server auth"),
  MTLS("tls, mutual auth"),
  UDP4("udp4"),
  UDP6("udp6");

  private final String label;

  Net(String label) {
    this.label = label;
  }

  /** Returns the name in the results table. */
  String label() {
    return label;
  }

  boolean tls() {
    return this == TLS || this == MTLS;
  }

  boolean udp() {
    return this == UDP4 || this == UDP6;
  }

  /** Returns the loopback address of this transport: ::1 for udp6, else 127.0.0.1. */
  String host() {
    return this == UDP6 ? "::1" : "127.0.0.1";
  }

  /** Returns the stream transports: unix, tcp, and both TLS variants. */
  static List<Net> streams() {
    return List.of(UNIX, TCP, TLS, MTLS);
  }

  @Override
  public String toString() {
    return label;
  }
}
