package io.jipc.examples.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java code blocks of a Markdown file, each with the example file it is taken from: the last
 * line before the block's opening fence (blank lines aside) must link to a {@code .java} file under
 * {@code examples/src/main/java/}, and the block must be a run of that file's lines, indented
 * alike.
 */
final class ReadmeBlocks {
  private static final Pattern SOURCE_LINK =
      Pattern.compile("\\]\\((examples/src/main/java/[^)\\s]+\\.java)\\)");

  /**
   * One code block.
   *
   * @param line the line number of its opening fence, from 1
   * @param source the file it names, relative to the repository, or null when it names none
   * @param lines its lines, without the fences
   */
  record Block(int line, String source, List<String> lines) {}

  private ReadmeBlocks() {}

  /** Returns the {@code ```java} blocks of {@code markdown}, in order. */
  static List<Block> javaBlocks(Path markdown) throws IOException {
    List<String> text = Files.readAllLines(markdown);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      if (!text.get(i).strip().equals("```java")) {
        continue;
      }
      int open = i;
      List<String> body = new ArrayList<>();
      for (i++; i < text.size() && !text.get(i).strip().equals("```"); i++) {
        body.add(text.get(i));
      }
      if (i == text.size()) {
        throw new AssertionError(markdown + ":" + (open + 1) + ": the java block never closes");
      }
      blocks.add(new Block(open + 1, sourceNamedBefore(text, open), List.copyOf(body)));
    }
    return blocks;
  }

  /** Returns the last example file linked in the paragraph right before the fence, or null. */
  private static String sourceNamedBefore(List<String> text, int fence) {
    int end = fence - 1;
    while (end >= 0 && text.get(end).isBlank()) {
      end--;
    }
    int start = end;
    while (start > 0 && !text.get(start - 1).isBlank()) {
      start--;
    }
    String source = null;
    for (int i = Math.max(start, 0); i <= end; i++) {
      Matcher link = SOURCE_LINK.matcher(text.get(i));
      while (link.find()) {
        source = link.group(1);
      }
    }
    return source;
  }

  /**
   * Returns true when {@code block}, with its common indentation removed, is a run of {@code
   * file}'s lines that are all indented by the same amount more (blank lines match blank lines).
   */
  static boolean isExcerptOf(List<String> block, List<String> file) {
    List<String> wanted = dedent(block);
    if (wanted.isEmpty()) {
      return false;
    }
    for (int start = 0; start + wanted.size() <= file.size(); start++) {
      String first = file.get(start);
      String indent = first.substring(0, first.length() - first.stripLeading().length());
      if (matchesAt(wanted, file, start, indent)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAt(List<String> wanted, List<String> file, int start, String in) {
    for (int j = 0; j < wanted.size(); j++) {
      String want = wanted.get(j);
      String have = file.get(start + j);
      if (want.isBlank() ? !have.isBlank() : !have.equals(in + want)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> dedent(List<String> lines) {
    int common =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return lines.stream().map(l -> l.isBlank() ? "" : l.substring(common)).toList();
  }
}
