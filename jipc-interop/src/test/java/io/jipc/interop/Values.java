package io.jipc.interop;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** JSON value equality as JavaScript sees it: numbers by value, objects by members. */
final class Values {
  private Values() {}

  /**
   * Returns true if {@code a} and {@code b} are the same JSON value: numbers compare as doubles (so
   * {@code 1L} equals {@code 1.0} and {@code -0.0} equals {@code 0}), objects by their members
   * whatever their order, arrays element by element; arrays of Java primitives are not accepted.
   */
  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      Iterator<?> i = x.iterator();
      Iterator<?> j = y.iterator();
      while (i.hasNext()) {
        if (!same(i.next(), j.next())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!y.containsKey(e.getKey()) || !same(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }
}
