/**
 * The profile model: aggregation of the runtime's per-call trace events by function and
 * by wire of the composition graph. Headless; the JavaFX views live in
 * {@code dev.plugboard.profile.ui}.
 */
package dev.plugboard.profile;
