package dev.plugboard.wit.resolve;

import dev.plugboard.wit.source.Span;
import java.util.List;

/**
 * A function of an interface or world. Resource functions are named
 * {@code [constructor]r}, {@code [method]r.m}, {@code [static]r.m}; methods take
 * {@code self: borrow<r>} first.
 */
public record Function(String name, Kind kind, int resource, List<Param> params, Type result, String docs,
    Stability stability, String externalId, Span span) {

  public enum Kind {
    FREESTANDING("freestanding"), ASYNC_FREESTANDING("async-freestanding"), METHOD("method"),
    ASYNC_METHOD("async-method"), STATIC("static"), ASYNC_STATIC("async-static"), CONSTRUCTOR("constructor");

    private final String json;

    Kind(String json) {
      this.json = json;
    }

    public String json() {
      return json;
    }

    public boolean isResourceFunction() {
      return this != FREESTANDING && this != ASYNC_FREESTANDING;
    }

    public boolean isAsync() {
      return this == ASYNC_FREESTANDING || this == ASYNC_METHOD || this == ASYNC_STATIC;
    }
  }

  public record Param(String name, Type type) {}

  public Function {
    params = List.copyOf(params);
  }

  /** The name as written in its interface: {@code m} for {@code [method]r.m}. */
  public String itemName() {
    return switch (kind) {
      case FREESTANDING, ASYNC_FREESTANDING -> name;
      case CONSTRUCTOR -> "constructor";
      default -> name.substring(name.indexOf('.') + 1);
    };
  }

  public Function with(List<Param> newParams, Type newResult, int newResource) {
    return new Function(name, kind, newResource, newParams, newResult, docs, stability, externalId, span);
  }

  public Function withName(String newName) {
    return new Function(newName, kind, resource, params, result, docs, stability, externalId, span);
  }
}
