package dev.plugboard.editor;

import dev.plugboard.wit.lex.Lexer;
import dev.plugboard.wit.lex.Token;
import dev.plugboard.wit.lex.TokenKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What may be typed at the caret, from the tokens before it: item keywords where an item
 * starts (different in a file, an interface, a world, a resource), types where a type goes
 * (primitives, type constructors and the names in scope), interface paths after {@code use},
 * {@code import} and {@code export} (local interfaces and those of {@code deps/}), and the types
 * of an interface inside {@code use path.{ … }}.
 */
public final class Completion {
  private Completion() {}

  /** A proposal: the text that replaces the word being typed, what it is, and a note. */
  public record Candidate(String label, String kind, String detail) {}

  /** Proposals at {@code caret} and where the word being replaced starts. */
  public record Result(int replaceFrom, List<Candidate> candidates) {}

  private static final List<String> PRIMITIVES = List.of("bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64",
      "u64", "f32", "f64", "char", "string");
  private static final List<String> CONSTRUCTORS = List.of("list", "option", "result", "tuple", "borrow", "own",
      "future", "stream", "map");
  private static final List<String> TOP_KEYWORDS = List.of("package", "interface", "world", "use");
  private static final List<String> TYPE_KEYWORDS = List.of("record", "variant", "enum", "flags", "resource", "type");
  private static final List<String> INTERFACE_KEYWORDS = List.of("use", "record", "variant", "enum", "flags",
      "resource", "type");
  private static final List<String> WORLD_KEYWORDS = List.of("import", "export", "include", "use", "record",
      "variant", "enum", "flags", "resource", "type");
  private static final List<String> RESOURCE_KEYWORDS = List.of("constructor");

  /** The candidates at {@code caret} in {@code text} (the current text of {@code file}), filtered by the typed prefix. */
  public static Result at(PackageIndex index, Path file, String text, int caret) {
    int from = caret;
    while (from > 0 && isWordChar(text.charAt(from - 1))) {
      from--;
    }
    String prefix = text.substring(from, caret);
    List<Token> tokens = significant(text, from);
    List<Candidate> all = candidates(index, file, text, tokens, from);
    List<Candidate> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Candidate c : all) {
      if (c.label().toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT)) && seen.add(c.label())) {
        out.add(c);
      }
    }
    return new Result(from, out);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '%' || c == ':' || c == '/' || c == '@' || c == '.';
  }

  /** The tokens before {@code end}, without whitespace and comments. */
  private static List<Token> significant(String text, int end) {
    List<Token> out = new ArrayList<>();
    for (Token t : Lexer.tokenize(text.substring(0, end), 0, new ArrayList<>())) {
      if (t.kind() != TokenKind.WHITESPACE && t.kind() != TokenKind.COMMENT && t.kind() != TokenKind.DOC_COMMENT
          && t.kind() != TokenKind.EOF) {
        out.add(t);
      }
    }
    return out;
  }

  private static List<Candidate> candidates(PackageIndex index, Path file, String text, List<Token> tokens, int at) {
    TokenKind last = tokens.isEmpty() ? null : tokens.getLast().kind();
    // use path.{ a, b, | }
    int brace = openUseBrace(tokens);
    if (brace >= 0) {
      String path = pathBefore(text, tokens, brace - 1);
      return index.membersOf(file, path).stream()
          .map(s -> new Candidate(s.name(), s.detail(), s.qualifiedName())).toList();
    }
    // after use / import / export / include: an interface (or world) path
    if (last == TokenKind.USE || last == TokenKind.IMPORT || last == TokenKind.EXPORT) {
      List<Candidate> out = new ArrayList<>();
      for (String p : index.interfacePaths(file)) {
        out.add(new Candidate(p, "interface", last == TokenKind.USE ? "use " + p + ".{…}" : p));
      }
      if (last != TokenKind.USE) {
        out.addAll(keywords(List.of("interface"), "keyword"));
      }
      return out;
    }
    if (inTypePosition(tokens)) {
      List<Candidate> out = new ArrayList<>();
      for (String p : PRIMITIVES) {
        out.add(new Candidate(p, "primitive", "built-in type"));
      }
      for (String c : CONSTRUCTORS) {
        out.add(new Candidate(c, "type constructor", c + "<…>"));
      }
      for (PackageIndex.Symbol s : index.typesInScope(file, at)) {
        out.add(new Candidate(s.name(), s.detail(), s.qualifiedName()));
      }
      return out;
    }
    if (last == null || last == TokenKind.SEMICOLON || last == TokenKind.LBRACE || last == TokenKind.RBRACE) {
      return switch (enclosingBlock(tokens)) {
        case FILE -> keywords(TOP_KEYWORDS, "keyword");
        case INTERFACE -> keywords(INTERFACE_KEYWORDS, "keyword");
        case WORLD -> keywords(WORLD_KEYWORDS, "keyword");
        case RESOURCE -> keywords(RESOURCE_KEYWORDS, "keyword");
        case OTHER -> List.of();
      };
    }
    if (last == TokenKind.COLON) {
      List<Candidate> out = new ArrayList<>(keywords(List.of("func", "async"), "keyword"));
      out.addAll(keywords(List.of("interface"), "keyword"));
      return out;
    }
    return List.of();
  }

  private static List<Candidate> keywords(List<String> words, String kind) {
    return words.stream().map(w -> new Candidate(w, kind, TYPE_KEYWORDS.contains(w) ? "type definition" : kind))
        .toList();
  }

  /** The index of an open {@code {} of a {@code use …​.{} list the caret is in, or -1. */
  private static int openUseBrace(List<Token> tokens) {
    for (int i = tokens.size() - 1; i >= 0; i--) {
      TokenKind k = tokens.get(i).kind();
      if (k == TokenKind.RBRACE || k == TokenKind.SEMICOLON) {
        return -1;
      }
      if (k == TokenKind.LBRACE) {
        return i > 0 && tokens.get(i - 1).kind() == TokenKind.PERIOD ? i : -1;
      }
      if (k != TokenKind.ID && k != TokenKind.EXPLICIT_ID && k != TokenKind.COMMA && k != TokenKind.AS) {
        return -1;
      }
    }
    return -1;
  }

  /** The path text written before the {@code .} at {@code period}, back to {@code use}. */
  private static String pathBefore(String text, List<Token> tokens, int period) {
    int start = period;
    while (start > 0 && tokens.get(start - 1).kind() != TokenKind.USE) {
      start--;
    }
    if (start >= period) {
      return "";
    }
    return text.substring(tokens.get(start).start(), tokens.get(period).start()).replace(" ", "");
  }

  /** After {@code :} of a parameter/field, {@code ->}, {@code =}, {@code <} or a {@code ,} inside {@code <…>} or {@code (…)}. */
  private static boolean inTypePosition(List<Token> tokens) {
    if (tokens.isEmpty()) {
      return false;
    }
    TokenKind last = tokens.getLast().kind();
    if (last == TokenKind.ARROW || last == TokenKind.LT) {
      return true;
    }
    if (last == TokenKind.EQUALS) {
      return tokens.size() >= 3 && tokens.get(tokens.size() - 3).kind() == TokenKind.TYPE;
    }
    if (last == TokenKind.COLON) {
      // `name: func` at item level is a function, `name: type` in a record, params and results
      int depthParen = 0;
      int depthBrace = 0;
      for (int i = tokens.size() - 2; i >= 0; i--) {
        TokenKind k = tokens.get(i).kind();
        if (k == TokenKind.RPAREN) {
          depthParen++;
        } else if (k == TokenKind.LPAREN) {
          if (depthParen == 0) {
            return true;
          }
          depthParen--;
        } else if (k == TokenKind.RBRACE) {
          depthBrace++;
        } else if (k == TokenKind.LBRACE) {
          if (depthBrace == 0) {
            return i > 1 && tokens.get(i - 2).kind() == TokenKind.RECORD;
          }
          depthBrace--;
        } else if (k == TokenKind.SEMICOLON && depthBrace == 0) {
          return false;
        }
      }
      return false;
    }
    if (last == TokenKind.COMMA) {
      int depth = 0;
      for (int i = tokens.size() - 2; i >= 0; i--) {
        TokenKind k = tokens.get(i).kind();
        if (k == TokenKind.GT) {
          depth++;
        } else if (k == TokenKind.LT) {
          if (depth == 0) {
            return true;
          }
          depth--;
        } else if (k == TokenKind.SEMICOLON || k == TokenKind.LBRACE || k == TokenKind.RBRACE
            || k == TokenKind.LPAREN || k == TokenKind.RPAREN) {
          return false;
        }
      }
    }
    return false;
  }

  private enum Block { FILE, INTERFACE, WORLD, RESOURCE, OTHER }

  private static Block enclosingBlock(List<Token> tokens) {
    int depth = 0;
    for (int i = tokens.size() - 1; i >= 0; i--) {
      TokenKind k = tokens.get(i).kind();
      if (k == TokenKind.RBRACE) {
        depth++;
      } else if (k == TokenKind.LBRACE) {
        if (depth == 0) {
          for (int j = i - 1; j >= Math.max(0, i - 3); j--) {
            TokenKind kw = tokens.get(j).kind();
            if (kw == TokenKind.INTERFACE) {
              return Block.INTERFACE;
            }
            if (kw == TokenKind.WORLD) {
              return Block.WORLD;
            }
            if (kw == TokenKind.RESOURCE) {
              return Block.RESOURCE;
            }
            if (kw == TokenKind.PACKAGE) {
              return Block.FILE;
            }
          }
          return Block.OTHER;
        }
        depth--;
      }
    }
    return Block.FILE;
  }
}
