/**
 * The composition graph: nodes (component instantiations, imports, aliases) and
 * type-checked edges, with WAC text as one front-end over it. Headless; the canvas lives
 * in {@code dev.plugboard.compose.ui}.
 */
package dev.plugboard.compose;
