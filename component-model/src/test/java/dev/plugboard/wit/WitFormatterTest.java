package dev.plugboard.wit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.testing.SharedData;
import dev.plugboard.wit.json.ResolveJson;
import dev.plugboard.wit.lex.Lexer;
import dev.plugboard.wit.lex.Token;
import dev.plugboard.wit.lex.TokenKind;
import dev.plugboard.wit.print.WitFormatter;
import dev.plugboard.wit.resolve.WitResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WitFormatterTest {
  private static final WitResolver.Options ACTIVE = new WitResolver.Options(Set.of("active"), false);

  @Test
  void formatsToTheCanonicalLayout() {
    String input = """
        package   foo:bar@1.0.0 ;
        // leading comment
        interface  api{
          use  other.{a,b as c};
            /// the record
          record   point{x:u32,y :u32}
          enum color { red, green }
          f :  func( a : list< u8 >, b: option<string> )->result<_,string> ; // trailing
          @since( version = 1.0.0 ) g: func();



          resource r { constructor(); m: func(); }
        }
        interface other { type a = u32; type b = u32; }
        """;
    String expected = """
        package foo:bar@1.0.0;
        // leading comment
        interface api {
          use other.{a, b as c};
          /// the record
          record point {
            x: u32,
            y: u32,
          }
          enum color {
            red,
            green,
          }
          f: func(a: list<u8>, b: option<string>) -> result<_, string>; // trailing
          @since(version = 1.0.0)
          g: func();

          resource r {
            constructor();
            m: func();
          }
        }
        interface other {
          type a = u32;
          type b = u32;
        }
        """;
    assertThat(WitFormatter.format(input)).isEqualTo(expected);
    assertThat(WitFormatter.format(expected)).isEqualTo(expected);
    assertThat(WitFormatter.format(expected.replace("\n", "\r\n"))).isEqualTo(expected);
  }

  @Test
  void everySharedWitFileKeepsItsMeaningAndCommentsAndIsStable() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : new String[] {"conformance/wit-parser-ui/ok", "conformance/wasi-wit"}) {
      try (Stream<Path> s = Files.walk(SharedData.require(dir))) {
        s.filter(p -> p.toString().endsWith(".wit")).sorted().forEach(files::add);
      }
    }
    List<String> failures = new ArrayList<>();
    for (Path f : files) {
      String text = Files.readString(f);
      String once;
      try {
        once = WitFormatter.format(text);
      } catch (IllegalArgumentException e) {
        failures.add(f + ": " + e.getMessage());
        continue;
      }
      String twice = WitFormatter.format(once);
      if (!once.equals(twice)) {
        failures.add(f + ": not idempotent\n--- once ---\n" + once + "\n--- twice ---\n" + twice);
        continue;
      }
      if (!comments(text).equals(comments(once))) {
        failures.add(f + ": comments changed");
        continue;
      }
      if (!tokens(text).equals(tokens(once))) {
        failures.add(f + ": tokens changed\n" + once);
      }
    }
    System.out.println("formatter on shared files: " + (files.size() - failures.size()) + " passed, "
        + failures.size() + " failed");
    assertThat(failures).isEmpty();
  }

  @Test
  void formattingAPackageKeepsItsResolve() throws IOException {
    Path dir = SharedData.require("conformance/wasi-wit/0.2.9/http");
    List<WitResolver.SourceFile> formatted = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".wit")).sorted().toList()) {
        formatted.add(new WitResolver.SourceFile(p.toString(), WitFormatter.format(Files.readString(p))));
      }
    }
    WitResolver.Result original = WitResolver.resolvePath(dir, ACTIVE);
    List<WitResolver.Group> deps = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir.resolve("deps"))) {
      for (Path d : s.sorted().toList()) {
        List<WitResolver.SourceFile> files = new ArrayList<>();
        try (Stream<Path> w = Files.list(d)) {
          for (Path p : w.filter(p -> p.toString().endsWith(".wit")).sorted().toList()) {
            files.add(new WitResolver.SourceFile(p.toString(), Files.readString(p)));
          }
        }
        deps.add(new WitResolver.Group(files));
      }
    }
    WitResolver.Result again = WitResolver.resolve(new WitResolver.Group(formatted), deps, ACTIVE);
    JsonNode a = ResolveJson.toJson(original.resolve());
    JsonNode b = ResolveJson.toJson(again.resolve());
    assertThat(b).isEqualTo(a);
  }

  private static List<String> comments(String text) {
    List<String> out = new ArrayList<>();
    for (Token t : Lexer.tokenize(text.replace("\r\n", "\n"), 0, new ArrayList<>())) {
      if (t.kind() == TokenKind.COMMENT || t.kind() == TokenKind.DOC_COMMENT) {
        out.add(text.replace("\r\n", "\n").substring(t.start(), t.end()).strip());
      }
    }
    return out;
  }

  /** The significant tokens, ignoring commas (the formatter adds trailing ones). */
  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    String t2 = text.replace("\r\n", "\n");
    for (Token t : Lexer.tokenize(t2, 0, new ArrayList<>())) {
      if (!t.kind().isTrivia() && t.kind() != TokenKind.COMMA) {
        out.add(t2.substring(t.start(), t.end()));
      }
    }
    return out;
  }
}
