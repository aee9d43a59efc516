/**
 * Typed payloads for jipc: records and POJOs in and out of jipc events through Jackson databind.
 * Start at {@link io.jipc.jackson.JsonMapping}.
 *
 * <p>Jackson reads and writes your types by reflection: on the module path, open their packages to
 * it ({@code opens com.example.orders to com.fasterxml.jackson.databind;}).
 */
module io.jipc.jackson {
  requires transitive io.jipc;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;

  exports io.jipc.jackson;
}
