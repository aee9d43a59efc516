package io.jipc.interop;

import io.jipc.interop.InteropResults.Column;
import io.jipc.interop.InteropResults.Direction;
import io.jipc.interop.InteropResults.Key;
import io.jipc.interop.InteropResults.Outcome;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Renders the gate's results as Markdown: the matrix (every library, transport and direction; a
 * cell is pass, FAIL, unsupported, disabled, skipped, n/a where the case does not exist on the
 * transport, or "not run"), the table of single checks, and the numbered notes the cells refer to.
 * Not thread-safe; one instance per rendering.
 */
final class ResultsTable {
  private final Map<String, Integer> numbers = new LinkedHashMap<>();
  private final int[] counts = new int[4];

  private ResultsTable() {}

  static String render(
      Map<Key, Map<Column, Outcome>> matrix,
      Map<String, Outcome> checks,
      Map<String, String> environment) {
    return new ResultsTable().table(matrix, checks, environment);
  }

  private String table(
      Map<Key, Map<Column, Outcome>> matrix,
      Map<String, Outcome> checks,
      Map<String, String> environment) {
    StringBuilder out = new StringBuilder();
    environment.forEach((k, v) -> out.append(k).append(": ").append(v).append(". "));
    out.append(environment.isEmpty() ? "" : "\n\n");
    out.append("| library | transport | direction |");
    for (Column column : Column.values()) {
      out.append(' ').append(column.label).append(" |");
    }
    out.append("\n|---|---|---|").append("---|".repeat(Column.values().length)).append('\n');
    for (Lib lib : Lib.values()) {
      for (Net net : Net.values()) {
        for (Direction direction : Direction.values()) {
          Map<Column, Outcome> row = matrix.getOrDefault(new Key(lib, net, direction), Map.of());
          out.append("| ").append(lib.label()).append(" | ").append(net.label());
          out.append(" | ").append(direction.label(net)).append(" |");
          for (Column column : Column.values()) {
            String cell = column.appliesTo(net) ? cell(row.get(column)) : "n/a";
            out.append(' ').append(cell).append(" |");
          }
          out.append('\n');
        }
      }
    }
    if (!checks.isEmpty()) {
      out.append("\n| check | result |\n|---|---|\n");
      checks.forEach(
          (name, outcome) ->
              out.append("| ").append(name).append(" | ").append(cell(outcome)).append(" |\n"));
    }
    out.append(
        String.format(
            "%nIn all: %d pass, %d FAIL, %d unsupported, %d disabled or skipped.%n",
            counts[0], counts[1], counts[2], counts[3]));
    if (!numbers.isEmpty()) {
      out.append("\nNotes:\n\n");
      numbers.forEach((text, n) -> out.append(n).append(". ").append(text).append('\n'));
    }
    return out.toString();
  }

  private String cell(Outcome outcome) {
    if (outcome == null) {
      return "not run";
    }
    switch (outcome.status()) {
      case "pass" -> counts[0]++;
      case "FAIL" -> counts[1]++;
      case "unsupported" -> counts[2]++;
      default -> counts[3]++;
    }
    Set<String> refs = new LinkedHashSet<>();
    for (String note : outcome.notes()) {
      String clean = note.replace('|', '/').replace('\n', ' ');
      refs.add(String.valueOf(numbers.computeIfAbsent(clean, k -> numbers.size() + 1)));
    }
    return refs.isEmpty()
        ? outcome.status()
        : outcome.status() + " (" + String.join(", ", refs) + ")";
  }
}
