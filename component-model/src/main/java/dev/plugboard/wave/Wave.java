package dev.plugboard.wave;

import dev.plugboard.types.Value;
import dev.plugboard.types.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WAVE, the value text of {@code wasmtime run --invoke}: parse a value against its type, print
 * a value, and parse a function call {@code name(arg, ...)}.
 */
public final class Wave {
  private static final Set<String> KEYWORDS = Set.of("true", "false", "some", "none", "ok", "err", "inf", "nan");

  private Wave() {}

  /** Parses {@code text} (whitespace and comments allowed around it) as a value of {@code type}. */
  public static Value parse(String text, ValueType type) throws WaveException {
    return parse(text, type, null);
  }

  /** Like {@link #parse(String, ValueType)}, reading resource handles ({@code store(1)}) from {@code handles}. */
  public static Value parse(String text, ValueType type, Handles handles) throws WaveException {
    WaveSyntax syntax = new WaveSyntax(text, 0);
    return convert(syntax.valueOnly(text.length()), type, handles);
  }

  /** A parsed call: the function name as written and its arguments, still untyped. */
  public record Call(String name, int nameStart, int nameEnd, Arguments arguments) {}

  /** The arguments of a {@link Call}; {@link #typed} checks them against the parameters. */
  public static final class Arguments {
    private final List<Node> nodes;
    private final int start;
    private final int end;

    private Arguments(List<Node> nodes, int start, int end) {
      this.nodes = nodes;
      this.start = start;
      this.end = end;
    }

    public int count() {
      return nodes.size();
    }

    /** The values for these parameter types; trailing {@code option} parameters may be left out. */
    public List<Value> typed(List<ValueType> params) throws WaveException {
      return typed(params, null);
    }

    /** Like {@link #typed(List)}, reading resource handles ({@code store(1)}) from {@code handles}. */
    public List<Value> typed(List<ValueType> params, Handles handles) throws WaveException {
      if (nodes.size() > params.size()) {
        Node first = nodes.get(params.size());
        throw new WaveException("invalid params: more param(s) than expected", first.start(),
            nodes.getLast().end());
      }
      List<Value> out = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        if (i < nodes.size()) {
          out.add(convert(nodes.get(i), params.get(i), handles));
        } else if (params.get(i) instanceof ValueType.OptionType) {
          out.add(Value.none());
        } else {
          String msg = nodes.isEmpty()
              ? "invalid params: no params provided, but " + params.size() + " required"
              : "invalid params: " + params.size() + " required, " + nodes.size() + " given";
          throw new WaveException(msg, start, end);
        }
      }
      return out;
    }
  }

  /** Parses {@code name(arg, ...)}: a name made of anything but parentheses and spaces. */
  public static Call parseCall(String text) throws WaveException {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    int nameStart = i;
    while (i < text.length() && text.charAt(i) != '(' && !Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    int nameEnd = i;
    if (nameEnd == nameStart) {
      throw new WaveException("expected a function name", nameStart, nameStart + 1);
    }
    WaveSyntax syntax = new WaveSyntax(text, i);
    syntax.skipSpace();
    if (syntax.peek() != '(') {
      throw new WaveException("expected '(' after the function name", syntax.position(),
          Math.min(text.length(), syntax.position() + 1));
    }
    syntax.expect('(');
    List<Node> args = new ArrayList<>();
    while (true) {
      syntax.skipSpace();
      if (syntax.peek() == ')') {
        syntax.expect(')');
        break;
      }
      args.add(syntax.value());
      syntax.skipSpace();
      if (syntax.peek() == ',') {
        syntax.expect(',');
      } else if (syntax.peek() != ')') {
        throw syntax.unexpected();
      }
    }
    int end = syntax.position();
    syntax.skipSpace();
    if (syntax.position() < text.length()) {
      throw syntax.unexpected();
    }
    return new Call(text.substring(nameStart, nameEnd), nameStart, nameEnd,
        new Arguments(args, nameStart, end));
  }

  // ---- typing -------------------------------------------------------------------------

  private static WaveException invalid(Node n) {
    return new WaveException("invalid value type", n.start(), n.end());
  }

  static Value convert(Node n, ValueType type, Handles h) throws WaveException {
    return switch (type) {
      case ValueType.Prim p -> primitive(n, p);
      case ValueType.ListType l -> {
        if (!(n instanceof Node.ListNode list)) {
          throw invalid(n);
        }
        List<Value> out = new ArrayList<>(list.elements().size());
        for (Node e : list.elements()) {
          out.add(convert(e, l.element(), h));
        }
        yield new Value.ListValue(out);
      }
      case ValueType.FixedListType l -> {
        if (!(n instanceof Node.ListNode list)) {
          throw invalid(n);
        }
        if (list.elements().size() != l.length()) {
          throw new WaveException("expected " + l.length() + " elements, got " + list.elements().size(),
              n.start(), n.end());
        }
        List<Value> out = new ArrayList<>();
        for (Node e : list.elements()) {
          out.add(convert(e, l.element(), h));
        }
        yield new Value.ListValue(out);
      }
      case ValueType.MapType m -> {
        if (!(n instanceof Node.ListNode list)) {
          throw invalid(n);
        }
        ValueType.TupleType entry = new ValueType.TupleType(List.of(m.key(), m.value()));
        List<Value.Entry> out = new ArrayList<>();
        for (Node e : list.elements()) {
          Value.TupleValue t = (Value.TupleValue) convert(e, entry, h);
          out.add(new Value.Entry(t.elements().get(0), t.elements().get(1)));
        }
        yield new Value.MapValue(out);
      }
      case ValueType.TupleType t -> {
        if (!(n instanceof Node.Tuple tuple) || tuple.elements().size() != t.types().size()) {
          throw invalid(n);
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < t.types().size(); i++) {
          out.add(convert(tuple.elements().get(i), t.types().get(i), h));
        }
        yield new Value.TupleValue(out);
      }
      case ValueType.RecordType r -> record(n, r, h);
      case ValueType.FlagsType f -> {
        if (!(n instanceof Node.Flags flags)) {
          throw invalid(n);
        }
        List<String> set = new ArrayList<>();
        for (Node.Label l : flags.labels()) {
          if (!f.names().contains(l.name())) {
            throw new WaveException("error converting Wasm value: unknown flag \"" + l.name() + "\"",
                l.start(), l.end());
          }
        }
        for (String name : f.names()) {
          if (flags.labels().stream().anyMatch(l -> l.name().equals(name))) {
            set.add(name);
          }
        }
        yield new Value.FlagsValue(set);
      }
      case ValueType.EnumType e -> {
        if (!(n instanceof Node.Label l) || l.payload() != null || !e.names().contains(l.name())
            || keywordClash(l)) {
          throw invalid(n);
        }
        yield new Value.EnumValue(l.name());
      }
      case ValueType.VariantType v -> {
        if (!(n instanceof Node.Label l) || keywordClash(l)) {
          throw invalid(n);
        }
        ValueType.Case c = v.cases().stream().filter(x -> x.name().equals(l.name())).findFirst()
            .orElseThrow(() -> invalid(n));
        yield new Value.VariantValue(c.name(), payload(l, c.type(), h));
      }
      case ValueType.OptionType o -> {
        if (n instanceof Node.Label l && l.is("none")) {
          yield Value.none();
        }
        if (n instanceof Node.Label l && l.is("some")) {
          yield new Value.OptionValue(convert(l.payload(), o.type(), h));
        }
        if (o.type() instanceof ValueType.OptionType || o.type() instanceof ValueType.ResultType) {
          throw invalid(n);
        }
        yield new Value.OptionValue(convert(n, o.type(), h));
      }
      case ValueType.ResultType r -> {
        if (n instanceof Node.Label l && (l.is("ok") || l.is("err"))) {
          boolean ok = l.is("ok");
          yield new Value.ResultValue(ok, payload(l, ok ? r.ok() : r.err(), h));
        }
        if (r.ok() == null || r.ok() instanceof ValueType.OptionType || r.ok() instanceof ValueType.ResultType) {
          throw invalid(n);
        }
        yield new Value.ResultValue(true, convert(n, r.ok(), h));
      }
      case ValueType.OwnType o -> handle(n, o.resource(), true, h);
      case ValueType.BorrowType b -> handle(n, b.resource(), false, h);
      case ValueType.AsyncType a -> throw new WaveException("a " + a.kind() + " value cannot be written in WAVE",
          n.start(), n.end());
    };
  }

  private static Value handle(Node n, dev.plugboard.types.ResourceType type, boolean own, Handles h)
      throws WaveException {
    if (h == null) {
      throw new WaveException("a " + type.name() + " handle cannot be written here", n.start(), n.end());
    }
    if (!(n instanceof Node.Label l) || !(l.payload() instanceof Node.Number num) || !num.text().matches("[0-9]+")) {
      throw new WaveException("expected a " + type.name() + " handle such as " + type.name() + "(1)", n.start(),
          n.end());
    }
    if (!l.name().equals(type.name())) {
      throw new WaveException("expected a " + type.name() + " handle, got " + l.name(), n.start(), n.end());
    }
    Value.Handle found = h.resolve(type, Integer.parseInt(num.text()), own);
    if (found == null) {
      throw new WaveException("no live " + type.name() + " handle " + num.text(), n.start(), n.end());
    }
    return found;
  }

  /** A plain (un-%-escaped) keyword cannot name a case: {@code %ok} must be used. */
  private static boolean keywordClash(Node.Label l) {
    return !l.escaped() && KEYWORDS.contains(l.name());
  }

  private static Value payload(Node.Label l, ValueType type, Handles h) throws WaveException {
    if (type == null) {
      if (l.payload() != null) {
        throw new WaveException("error converting Wasm value: unexpected payload for \"" + l.name() + "\" case",
            l.start(), l.end());
      }
      return null;
    }
    if (l.payload() == null) {
      throw new WaveException("error converting Wasm value: missing payload for \"" + l.name() + "\" case",
          l.start(), l.end());
    }
    return convert(l.payload(), type, h);
  }

  private static Value record(Node n, ValueType.RecordType r, Handles h) throws WaveException {
    if (!(n instanceof Node.RecordNode rec)) {
      throw invalid(n);
    }
    Map<String, Node> given = new HashMap<>();
    for (Node.FieldNode f : rec.fields()) {
      given.put(f.label().name(), f.value());
    }
    for (Node.FieldNode f : rec.fields()) {
      if (r.fields().stream().noneMatch(x -> x.name().equals(f.label().name()))) {
        throw new WaveException("error converting Wasm value: unknown field \"" + f.label().name() + "\"",
            f.label().start(), f.label().end());
      }
    }
    List<Value.Field> out = new ArrayList<>();
    for (ValueType.Field f : r.fields()) {
      Node v = given.get(f.name());
      if (v == null) {
        if (f.type() instanceof ValueType.OptionType) {
          out.add(new Value.Field(f.name(), Value.none()));
          continue;
        }
        throw new WaveException("error converting Wasm value: missing field \"" + f.name() + "\"", n.start(), n.end());
      }
      out.add(new Value.Field(f.name(), convert(v, f.type(), h)));
    }
    return new Value.RecordValue(out);
  }

  private static Value primitive(Node n, ValueType.Prim p) throws WaveException {
    switch (p) {
      case BOOL -> {
        if (n instanceof Node.Label l && l.payload() == null && (l.is("true") || l.is("false"))) {
          return Value.bool(l.is("true"));
        }
        throw invalid(n);
      }
      case CHAR -> {
        if (n instanceof Node.CharLit c) {
          return new Value.Char(c.codePoint());
        }
        throw invalid(n);
      }
      case STRING -> {
        if (n instanceof Node.StringLit s) {
          return new Value.Str(s.value());
        }
        throw invalid(n);
      }
      case F32, F64 -> {
        if (!(n instanceof Node.Number num)) {
          throw invalid(n);
        }
        double d = switch (num.text()) {
          case "nan" -> Double.NaN;
          case "inf" -> Double.POSITIVE_INFINITY;
          case "-inf" -> Double.NEGATIVE_INFINITY;
          default -> Double.NaN;
        };
        if (p == ValueType.Prim.F32) {
          float f = Double.isNaN(d) && !num.text().equals("nan") ? Float.parseFloat(num.text()) : (float) d;
          return new Value.F32(f);
        }
        return new Value.F64(Double.isNaN(d) && !num.text().equals("nan") ? Double.parseDouble(num.text()) : d);
      }
      default -> {
        if (!(n instanceof Node.Number num) || !num.text().matches("-?[0-9]+")) {
          throw invalid(n);
        }
        BigInteger v = new BigInteger(num.text());
        int bits = p.bits();
        BigInteger min = p.isSigned() ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger max = p.isSigned() ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
            : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
          throw new WaveException("error converting Wasm value: " + num.text() + " is out of range for " + p.wit(),
              n.start(), n.end());
        }
        return new Value.Int(p, v.longValue());
      }
    }
  }

  // ---- printing -----------------------------------------------------------------------

  /** The WAVE text of {@code v}, written the way wasm-wave's writer writes it. */
  public static String print(Value v) {
    return print(v, null);
  }

  /** Prints {@code v}, writing resource handles as {@code name(number)} with numbers from {@code handles}. */
  public static String print(Value v, Handles handles) {
    StringBuilder sb = new StringBuilder();
    new Printer(handles, sb).print(v);
    return sb.toString();
  }

  private record Printer(Handles handles, StringBuilder sb) {
    void print(Value v) {
      Wave.print(v, sb, this);
    }
  }

  private static void print(Value v, StringBuilder sb, Printer p) {
    switch (v) {
      case Value.Bool b -> sb.append(b.value());
      case Value.Int i -> sb.append(i.type() == ValueType.Prim.U64 ? Long.toUnsignedString(i.value())
          : Long.toString(i.value()));
      case Value.F32 f -> sb.append(formatFloat(f.value()));
      case Value.F64 d -> sb.append(formatDouble(d.value()));
      case Value.Char c -> {
        sb.append('\'');
        escape(c.codePoint(), sb);
        sb.append('\'');
      }
      case Value.Str s -> {
        sb.append('"');
        s.value().codePoints().forEach(cp -> escape(cp, sb));
        sb.append('"');
      }
      case Value.ListValue l -> sequence("[", l.elements(), "]", sb, p);
      case Value.TupleValue t -> sequence("(", t.elements(), ")", sb, p);
      case Value.RecordValue r -> {
        List<Value.Field> shown = r.fields().stream()
            .filter(f -> !(f.value() instanceof Value.OptionValue o && !o.isSome())).toList();
        if (shown.isEmpty()) {
          sb.append("{:}");
          return;
        }
        sb.append('{');
        for (int i = 0; i < shown.size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          sb.append(shown.get(i).name());
          sb.append(": ");
          print(shown.get(i).value(), sb, p);
        }
        sb.append('}');
      }
      case Value.VariantValue c -> {
        label(c.caseName(), sb);
        if (c.payload() != null) {
          sb.append('(');
          print(c.payload(), sb, p);
          sb.append(')');
        }
      }
      case Value.EnumValue e -> label(e.caseName(), sb);
      case Value.OptionValue o -> {
        if (o.isSome()) {
          sb.append("some(");
          print(o.value(), sb, p);
          sb.append(')');
        } else {
          sb.append("none");
        }
      }
      case Value.ResultValue r -> {
        sb.append(r.isOk() ? "ok" : "err");
        if (r.payload() != null) {
          sb.append('(');
          print(r.payload(), sb, p);
          sb.append(')');
        }
      }
      case Value.FlagsValue f -> {
        sb.append('{');
        for (int i = 0; i < f.names().size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          sb.append(f.names().get(i));
        }
        sb.append('}');
      }
      case Value.MapValue m -> {
        sb.append('[');
        for (int i = 0; i < m.entries().size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          sb.append('(');
          print(m.entries().get(i).key(), sb, p);
          sb.append(", ");
          print(m.entries().get(i).value(), sb, p);
          sb.append(')');
        }
        sb.append(']');
      }
      case Value.Handle h -> sb.append(h.type().name()).append('(')
          .append(p.handles() == null ? Integer.toUnsignedString(h.rep()) : Integer.toString(p.handles().number(h)))
          .append(')');
      case Value.Async a -> sb.append('<').append(a.kind()).append('>');
    }
  }

  private static void sequence(String open, List<Value> items, String close, StringBuilder sb, Printer p) {
    sb.append(open);
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      print(items.get(i), sb, p);
    }
    sb.append(close);
  }

  /** A case label: WAVE keywords get a {@code %} (fields and flags never need one). */
  private static void label(String name, StringBuilder sb) {
    if (KEYWORDS.contains(name)) {
      sb.append('%');
    }
    sb.append(name);
  }

  private static void escape(int cp, StringBuilder sb) {
    switch (cp) {
      case '\\' -> sb.append("\\\\");
      case '"' -> sb.append("\\\"");
      case '\'' -> sb.append("\\'");
      case '\t' -> sb.append("\\t");
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      default -> {
        if (printable(cp)) {
          sb.appendCodePoint(cp);
        } else {
          sb.append("\\u{").append(Integer.toHexString(cp)).append('}');
        }
      }
    }
  }

  private static boolean printable(int cp) {
    int type = Character.getType(cp);
    return switch (type) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
           Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.NON_SPACING_MARK,
           Character.ENCLOSING_MARK -> false;
      case Character.SPACE_SEPARATOR -> cp == ' ';
      default -> true;
    };
  }

  /** Shortest digits that read back as the same {@code f32}, never an exponent (Rust's Display). */
  public static String formatFloat(float f) {
    return format(f, Float.floatToRawIntBits(f) < 0, new BigDecimal(Float.toString(Float.isFinite(f) ? f : 0)),
        s -> Float.parseFloat(s) == f);
  }

  /** Shortest digits that read back as the same {@code f64}, never an exponent. */
  public static String formatDouble(double d) {
    return format(d, Double.doubleToRawLongBits(d) < 0, new BigDecimal(Double.toString(Double.isFinite(d) ? d : 0)),
        s -> Double.parseDouble(s) == d);
  }

  /**
   * {@code javaDigits} is Java's shortest-but-at-least-two-digits form; one digit fewer may
   * still read back ({@code 1e-45} rather than {@code 1.4e-45}), so shorter roundings of the
   * exact value are tried first.
   */
  private static String format(double v, boolean negative, BigDecimal javaDigits,
      java.util.function.Predicate<String> readsBack) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return negative ? "-0" : "0";
    }
    BigDecimal exact = new BigDecimal(v);
    for (int digits = 1; digits < javaDigits.precision(); digits++) {
      BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (readsBack.test(candidate.toString())) {
        return plain(candidate);
      }
    }
    return plain(javaDigits);
  }

  private static String plain(BigDecimal b) {
    String s = b.stripTrailingZeros().toPlainString();
    return s;
  }
}
