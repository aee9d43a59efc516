package io.jipc.jackson;

import java.math.BigDecimal;
import java.time.Duration;

/** A test record: the answer to an {@link Order}. */
public record Receipt(String item, int qty, BigDecimal total, Duration took, Status status) {

  /** A receipt's status: enums go on the wire by name. */
  public enum Status {
    ACCEPTED,
    REFUSED
  }
}
