package dev.plugboard.runtime.abi;

/** An {@code error-context} (CanonicalABI.md {@code ErrorContext}): an immutable debug message. */
public record ErrorContext(String debugMessage) {}
