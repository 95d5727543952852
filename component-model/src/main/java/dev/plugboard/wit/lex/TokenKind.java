package dev.plugboard.wit.lex;

import java.util.HashMap;
import java.util.Map;

/** The kinds of WIT tokens (WIT.md, "Lexical structure"), including trivia for editors. */
public enum TokenKind {
  WHITESPACE("whitespace"),
  COMMENT("comment"),
  DOC_COMMENT("doc comment"),
  ID("identifier"),
  EXPLICIT_ID("identifier"),
  UNDERSCORE("`_`"),
  INTEGER("integer"),
  STRING("string"),
  ERROR("invalid token"),

  EQUALS("`=`"), COMMA("`,`"), COLON("`:`"), SEMICOLON("`;`"), LPAREN("`(`"), RPAREN("`)`"),
  LBRACE("`{`"), RBRACE("`}`"), LT("`<`"), GT("`>`"), STAR("`*`"), ARROW("`->`"), SLASH("`/`"),
  PERIOD("`.`"), AT("`@`"),

  AS("as"), ASYNC("async"), BOOL("bool"), BORROW("borrow"), CHAR("char"), CONSTRUCTOR("constructor"),
  ENUM("enum"), ERROR_CONTEXT("error-context"), EXPORT("export"), F32("f32"), F64("f64"), FLAGS("flags"),
  FROM("from"), FUNC("func"), FUTURE("future"), IMPORT("import"), INCLUDE("include"),
  INTERFACE("interface"), LIST("list"), MAP("map"), OPTION("option"), OWN("own"), PACKAGE("package"),
  RECORD("record"), RESOURCE("resource"), RESULT("result"), S16("s16"), S32("s32"), S64("s64"), S8("s8"),
  STATIC("static"), STREAM("stream"), STRING_TYPE("string"), TUPLE("tuple"), TYPE("type"), U16("u16"),
  U32("u32"), U64("u64"), U8("u8"), USE("use"), VARIANT("variant"), WITH("with"), WORLD("world"),

  EOF("end of file");

  private static final Map<String, TokenKind> KEYWORDS = new HashMap<>();

  static {
    for (TokenKind k : values()) {
      if (k.ordinal() >= AS.ordinal() && k.ordinal() < EOF.ordinal()) {
        KEYWORDS.put(k.text, k);
      }
    }
  }

  private final String text;

  TokenKind(String text) {
    this.text = text;
  }

  /** How a message names this kind: {@code keyword `u32`}, {@code `{`}, {@code an identifier}. */
  public String describe() {
    if (isKeyword()) {
      return "keyword `" + text + "`";
    }
    return switch (this) {
      case ID, EXPLICIT_ID -> "an identifier";
      case INTEGER -> "an integer";
      case STRING -> "a string";
      case EOF -> "eof";
      default -> text;
    };
  }

  public String text() {
    return text;
  }

  public boolean isKeyword() {
    return ordinal() >= AS.ordinal() && ordinal() < EOF.ordinal();
  }

  public boolean isTrivia() {
    return this == WHITESPACE || this == COMMENT || this == DOC_COMMENT;
  }

  public boolean isOperator() {
    return ordinal() >= EQUALS.ordinal() && ordinal() <= AT.ordinal();
  }

  /** The keyword spelled {@code word}, or {@code null}. */
  public static TokenKind keyword(String word) {
    return KEYWORDS.get(word);
  }
}
