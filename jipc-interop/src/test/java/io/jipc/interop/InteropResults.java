package io.jipc.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The gate's results table: records the outcome of every gate test (pass, FAIL, unsupported,
 * disabled) under its row and column and rewrites {@code target/interop-results.md} after each, so
 * the file always shows the run so far. Matrix tests implement {@link Row} and mark each method
 * with {@link Case}; other gate tests name their row with {@link #check(String)}. Tests attach
 * notes (node-ipc quirks, what was observed) with {@link #note(String)}. Thread-safe.
 */
final class InteropResults implements BeforeEachCallback, TestWatcher {
  /** Which side is the server. For UDP both are endpoints: the "server" is the one bound first. */
  enum Direction {
    JAVA_SERVER("Java server ⇄ Node client", "Java endpoint first ⇄ Node endpoints"),
    NODE_SERVER("Node server ⇄ Java client", "Node endpoint first ⇄ Java endpoints");

    private final String stream;
    private final String udp;

    Direction(String stream, String udp) {
      this.stream = stream;
      this.udp = udp;
    }

    /** Returns the name in the results table for a row on {@code net}. */
    String label(Net net) {
      return net.udp() ? udp : stream;
    }
  }

  /** The columns of the matrix. */
  enum Column {
    SHAPES("7 shapes"),
    BROADCAST("broadcast"),
    FINISH("finish + half-close"),
    FAULTS("faults"),
    SYNC("sync"),
    RAW("raw"),
    RECONNECT("reconnect");

    final String label;

    Column(String label) {
      this.label = label;
    }

    /** Whether the case exists on {@code net}: UDP has no streams, clients or reconnects. */
    boolean appliesTo(Net net) {
      return !net.udp() || this == SHAPES || this == BROADCAST || this == FAULTS || this == RAW;
    }
  }

  /** A test instance that is one row of the matrix. */
  interface Row {
    Lib lib();

    Net net();

    Direction direction();
  }

  /** Marks a matrix test method with its column. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Case {
    Column value();
  }

  /** One row of the matrix. */
  record Key(Lib lib, Net net, Direction direction) {}

  /** One cell: pass, FAIL, unsupported, disabled or skipped, and its notes. */
  record Outcome(String status, List<String> notes) {}

  private static final Map<Key, Map<Column, Outcome>> MATRIX = new LinkedHashMap<>();
  private static final Map<String, Outcome> CHECKS = new LinkedHashMap<>();
  private static final Map<String, String> ENVIRONMENT = new LinkedHashMap<>();
  private static final List<String> notes = new ArrayList<>(); // Guarded by InteropResults.class.
  private static String check; // Guarded by InteropResults.class.
  private static boolean announced; // Guarded by InteropResults.class.

  static {
    ENVIRONMENT.put("Java", System.getProperty("java.version"));
  }

  /** Attaches a note to the running test's cell. */
  static synchronized void note(String text) {
    notes.add(text);
  }

  /** Names the running test's row in the table of single checks (codec, canonical frames). */
  static synchronized void check(String row) {
    check = row;
  }

  /** Records a fact about the environment (Node version and the like) for the table header. */
  static synchronized void environment(String name, String value) {
    ENVIRONMENT.put(name, value);
  }

  /** Marks the running case unsupported by node-ipc, with why, and ends it. */
  static void unsupported(String why) {
    note(why);
    Assumptions.abort("unsupported: " + why);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    synchronized (InteropResults.class) {
      notes.clear();
      check = null;
    }
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    record(context, "pass", null);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
    record(context, "FAIL", message.length() > 200 ? message.substring(0, 200) + "…" : message);
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    String message = String.valueOf(cause.getMessage()).replaceFirst("^Assumption failed: ", "");
    boolean unsupported = message.contains("unsupported: ");
    record(context, unsupported ? "unsupported" : "skipped", unsupported ? null : message);
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    synchronized (InteropResults.class) {
      notes.clear();
      check = null;
    }
    record(context, "disabled", reason.orElse("disabled"));
  }

  private static synchronized void record(ExtensionContext context, String status, String extra) {
    List<String> cellNotes = new ArrayList<>(notes);
    if (extra != null) {
      cellNotes.add(extra);
    }
    Outcome outcome = new Outcome(status, cellNotes);
    Optional<Object> instance = context.getTestInstance();
    Case column = context.getRequiredTestMethod().getAnnotation(Case.class);
    if (column != null && instance.isPresent() && instance.get() instanceof Row row) {
      Key key = new Key(row.lib(), row.net(), row.direction());
      MATRIX.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(column.value(), outcome);
    } else {
      CHECKS.put(check != null ? check : context.getDisplayName(), outcome);
    }
    notes.clear();
    write();
  }

  /** Rewrites the table; the first time, says on stdout where it is. Called holding the lock. */
  private static void write() {
    Path file = Path.of(System.getProperty("basedir", ".")).resolve("target/interop-results.md");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, ResultsTable.render(MATRIX, CHECKS, ENVIRONMENT));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    if (!announced) {
      // The one line the gate prints on the console (jipc-interop's surefire keeps it there).
      announced = true;
      System.out.println(
          "Interop results table: " + file.toAbsolutePath().normalize() + " (after each test)");
    }
  }
}
