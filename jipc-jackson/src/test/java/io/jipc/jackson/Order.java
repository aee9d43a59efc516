package io.jipc.jackson;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A test record: an order of some lines, as a typed payload. */
public record Order(
    @JsonProperty(required = true) String item,
    @JsonProperty(required = true) int qty,
    List<Line> lines,
    Instant at) {

  /** One line of an order. */
  public record Line(String sku, long cents) {}
}
