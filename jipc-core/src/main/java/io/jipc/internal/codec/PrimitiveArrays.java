package io.jipc.internal.codec;

/**
 * Writes arrays of primitives for {@link JsonWriter}: numbers as {@code JSON.stringify} prints
 * them, booleans as {@code true}/{@code false}, and chars as one-character strings. They hold no
 * nested values, so they need no depth bookkeeping beyond their own level.
 *
 * <p>Stateless; thread-safe.
 */
final class PrimitiveArrays {
  private PrimitiveArrays() {}

  /** Writes {@code array}, which must be an array of a primitive type. */
  static void write(Object array, ByteSink out) {
    out.write('[');
    if (array instanceof int[] a) {
      for (int i = 0; i < a.length; i++) {
        comma(i, out);
        JsonWriter.writeLong(a[i], out);
      }
    } else if (array instanceof long[] a) {
      for (int i = 0; i < a.length; i++) {
        comma(i, out);
        JsonWriter.writeLong(a[i], out);
      }
    } else if (array instanceof double[] a) {
      for (int i = 0; i < a.length; i++) {
        comma(i, out);
        EcmaNumbers.write(a[i], out);
      }
    } else if (array instanceof byte[] a) {
      for (int i = 0; i < a.length; i++) {
        comma(i, out);
        JsonWriter.writeLong(a[i], out);
      }
    } else {
      writeOther(array, out);
    }
    out.write(']');
  }

  private static void writeOther(Object array, ByteSink out) {
    if (array instanceof short[] a) {
      for (int i = 0; i < a.length; i++) {
        comma(i, out);
        JsonWriter.writeLong(a[i], out);
      }
    } else if (array instanceof float[] a) {
      for (int i = 0; i < a.length; i++) {
        comma(i, out);
        EcmaNumbers.write(a[i], out);
      }
    } else if (array instanceof boolean[] a) {
      for (int i = 0; i < a.length; i++) {
        comma(i, out);
        out.writeAscii(a[i] ? "true" : "false");
      }
    } else if (array instanceof char[] a) {
      for (int i = 0; i < a.length; i++) {
        comma(i, out);
        JsonWriter.writeString(String.valueOf(a[i]), out);
      }
    } else {
      throw new IllegalArgumentException(
          "cannot write a value of " + array.getClass() + " as JSON");
    }
  }

  private static void comma(int index, ByteSink out) {
    if (index > 0) {
      out.write(',');
    }
  }
}
