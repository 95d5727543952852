package dev.plugboard.wit.resolve;

import dev.plugboard.wit.source.Span;

/** One entry of the type arena: a named definition or an anonymous type. */
public final class TypeDef {
  public String name;
  public TypeKind kind;
  public Owner owner;
  public String docs;
  public Stability stability;
  public String externalId;
  public Span span;

  public TypeDef(String name, TypeKind kind, Owner owner, String docs, Stability stability, String externalId,
      Span span) {
    this.name = name;
    this.kind = kind;
    this.owner = owner;
    this.docs = docs;
    this.stability = stability;
    this.externalId = externalId;
    this.span = span;
  }

  public TypeDef copy() {
    return new TypeDef(name, kind, owner, docs, stability, externalId, span);
  }
}
