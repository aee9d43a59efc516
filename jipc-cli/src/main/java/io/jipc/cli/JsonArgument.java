package io.jipc.cli;

import io.jipc.internal.codec.JsonException;
import io.jipc.internal.codec.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The JSON data arguments of one command ({@code emit}'s {@code [json]}, {@code --reply}, {@code
 * --emit}): the JSON text itself, {@code @file} for the contents of a file, or {@code -} for
 * standard input, so data is not bound by the system's limit on one argument (128 KiB on Linux).
 * What is read is bounded by {@code maxMessageSize} and must be UTF-8. Standard input can be read
 * once per command. The text is parsed by jipc's own JSON reader into the values jipc sends, at
 * most {@value #MAX_DEPTH} arrays and objects deep. Not thread-safe: used by the command's thread
 * while it parses its arguments.
 */
final class JsonArgument {
  /** Deepest nesting of arrays and objects accepted. */
  static final int MAX_DEPTH = 256;

  private final InputStream stdin;
  private final int maxBytes;
  private boolean stdinRead;

  /**
   * Creates the reader of one command's JSON arguments.
   *
   * @param maxBytes the most bytes a file or standard input may hold: the endpoint's {@code
   *     maxMessageSize}
   */
  JsonArgument(InputStream stdin, int maxBytes) {
    this.stdin = stdin;
    this.maxBytes = maxBytes;
  }

  /**
   * Parses {@code argument}: JSON text, {@code @file} or {@code -}.
   *
   * @throws IllegalArgumentException if the file or standard input cannot be read, holds more than
   *     {@code maxMessageSize} bytes or no UTF-8, or the text is not JSON; the message names the
   *     source and the limit
   */
  Object parse(String argument) {
    if (argument.equals("-")) {
      if (stdinRead) {
        throw new IllegalArgumentException("standard input (-) can be read only once");
      }
      stdinRead = true;
      return parse(read(stdin, "standard input"), "standard input");
    }
    if (argument.startsWith("@")) {
      Path file = Path.of(argument.substring(1));
      try (InputStream in = Files.newInputStream(file)) {
        return parse(read(in, file.toString()), file.toString());
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("no file " + file);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + file + ": " + FailureText.describe(e));
      }
    }
    return json(argument);
  }

  private static Object parse(String text, String source) {
    try {
      return json(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage());
    }
  }

  /**
   * Parses one JSON text.
   *
   * @throws IllegalArgumentException naming the byte offset and what was expected there
   */
  static Object json(String text) {
    try {
      return JsonReader.parse(text, MAX_DEPTH);
    } catch (JsonException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getMessage());
    }
  }

  /** Reads at most {@code maxBytes}, failing at the first byte past them, and decodes UTF-8. */
  private String read(InputStream in, String source) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + source + ": " + FailureText.describe(e));
    }
    if (bytes.length > maxBytes) {
      throw new IllegalArgumentException(
          source + " holds more than maxMessageSize (" + maxBytes + " bytes)");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(source + " is not UTF-8 text");
    }
  }
}
