/**
 * Runs component binaries: core modules on Chicory, with Plugboard's own Component Model
 * layer on top (instantiation, the Canonical ABI in {@code abi}, the WASI 0.2 host in
 * {@code wasi}, per-call events in {@code trace}). Headless: never imports JavaFX.
 */
package dev.plugboard.runtime;
