package dev.plugboard.compose;

import dev.plugboard.binary.Component;
import dev.plugboard.binary.ComponentDecoder;
import dev.plugboard.binary.ComponentValidator;
import dev.plugboard.binary.ComponentValidator.TypeT;
import dev.plugboard.binary.InvalidComponentException;
import dev.plugboard.binary.MalformedBinaryException;
import dev.plugboard.binary.WitPackageTypes;
import dev.plugboard.wit.resolve.Resolve;
import java.util.Map;

/**
 * A component registered in a composition under a package name ({@code example:upper}): its
 * decoded binary and its component type, read from the arena that validating it answered
 * ({@link dev.plugboard.binary.ComponentTypes}): the one model of types the validator, the
 * runtime and the composer share, resources compared by identity.
 */
public final class ComposedPackage {
  private final String name;
  private final byte[] bytes;
  private final Component component;
  private final TypeT.Comp type;
  private final Map<String, ItemType> imports;
  private final Map<String, ItemType> exports;

  private ComposedPackage(String name, byte[] bytes, Component component, TypeT.Comp type) {
    this.name = name;
    this.bytes = bytes;
    this.component = component;
    this.type = type;
    this.imports = ItemType.of(type.imports());
    this.exports = ItemType.of(type.exports());
  }

  /**
   * Reads a component binary.
   *
   * @throws CompositionException (NOT_A_COMPONENT) with the decoder's or validator's message
   */
  public static ComposedPackage of(String name, byte[] bytes) throws CompositionException {
    Component c;
    TypeT.Comp type;
    try {
      ComponentDecoder.Decoded d = ComponentDecoder.decodeWithOffsets(bytes);
      c = d.component();
      type = ComponentValidator.validateStructure(c, d.offsets()).space(c).componentType();
    } catch (MalformedBinaryException e) {
      throw new CompositionException(CompositionException.Kind.NOT_A_COMPONENT, name + ": " + e.describe());
    } catch (InvalidComponentException e) {
      throw new CompositionException(CompositionException.Kind.NOT_A_COMPONENT, name + ": " + e.describe());
    }
    return new ComposedPackage(name, bytes, c, type);
  }

  /**
   * A package known by its type only: world {@code worldId} of a WIT resolve, as a component of
   * that world would import and export (its binary WIT package's arena, {@link WitPackageTypes}).
   * It type-checks like a component but has no binary, so a composition that instantiates it can
   * be read and checked, not encoded.
   */
  public static ComposedPackage ofWorld(String name, Resolve r, int worldId) {
    return ofType(name, new WitPackageTypes(r).world(worldId));
  }

  /** A package known by its component type only. */
  static ComposedPackage ofType(String name, TypeT.Comp type) {
    return new ComposedPackage(name, null, null, type);
  }

  public String name() {
    return name;
  }

  /** The component binary; null for a package known by its type only ({@link #ofWorld}). */
  public byte[] bytes() {
    return bytes;
  }

  public Component component() {
    return component;
  }

  /** The component type: what instantiating it is checked against ({@link dev.plugboard.binary.ComponentTypes.Linking}). */
  public TypeT.Comp type() {
    return type;
  }

  public Map<String, ItemType> imports() {
    return imports;
  }

  public Map<String, ItemType> exports() {
    return exports;
  }
}
