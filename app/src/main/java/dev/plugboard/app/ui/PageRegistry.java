package dev.plugboard.app.ui;

import dev.plugboard.app.workspace.FileKind;
import dev.plugboard.app.workspace.Problem;
import dev.plugboard.app.work.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * From a file kind to the pages a file of that kind offers, in tab order, and to the loader that
 * reads its model off the FX thread first (for {@code .wasm}: decode, validate, print WIT).
 * {@link StandardPages} registers the built-in ones; more are added with {@link #register}.
 */
public final class PageRegistry {
  /** Reads a file's model (shared by its pages) on a background service. */
  @FunctionalInterface
  public interface Loader {
    Object load(Path file, Progress progress) throws Exception;
  }

  /** A file that cannot be opened: the problems to list (with their places) and a one-line message. */
  public static final class OpenFailure extends Exception {
    private final transient List<Problem> problems;

    public OpenFailure(String message, List<Problem> problems) {
      super(message);
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  private final Map<FileKind, List<PageProvider>> providers = new EnumMap<>(FileKind.class);
  private final Map<FileKind, Loader> loaders = new EnumMap<>(FileKind.class);

  /** Adds a page for files of {@code kind}, after those registered before. */
  public PageRegistry register(FileKind kind, PageProvider provider) {
    List<PageProvider> list = providers.computeIfAbsent(kind, k -> new ArrayList<>());
    if (list.stream().anyMatch(p -> p.id().equals(provider.id()))) {
      throw new IllegalArgumentException(kind + " already has a page " + provider.id());
    }
    list.add(provider);
    return this;
  }

  /** Sets how files of {@code kind} are loaded before their pages are made. */
  public PageRegistry loader(FileKind kind, Loader loader) {
    loaders.put(kind, loader);
    return this;
  }

  public List<PageProvider> providers(FileKind kind) {
    return List.copyOf(providers.getOrDefault(kind, List.of()));
  }

  public Optional<Loader> loader(FileKind kind) {
    return Optional.ofNullable(loaders.get(kind));
  }

  /** Every provider once (a provider registered for several kinds is listed once). */
  public List<PageProvider> all() {
    List<PageProvider> out = new ArrayList<>();
    for (List<PageProvider> list : providers.values()) {
      for (PageProvider p : list) {
        if (out.stream().noneMatch(q -> q == p)) {
          out.add(p);
        }
      }
    }
    return out;
  }
}
