/**
 * Language services for the WIT editor (completion, navigation, rename, outline) over the
 * component-model WIT core. Headless; the RichTextFX editor lives in
 * {@code dev.plugboard.editor.ui}.
 */
package dev.plugboard.editor;
