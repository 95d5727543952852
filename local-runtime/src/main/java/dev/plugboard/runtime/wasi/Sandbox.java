package dev.plugboard.runtime.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a guest's path against a directory descriptor, which is the guest's whole world (the
 * capability model of WASI, as cap-std implements it): absolute paths, {@code ..} above the
 * directory and symbolic links whose target is absolute or leads above it are refused with
 * {@code not-permitted}. Links are expanded here one component at a time, so the path handed to
 * Java names only real directories on the way; only the final component may be a link, and only
 * when it is not to be followed.
 */
final class Sandbox {
  private static final int MAX_LINKS = 40;

  private Sandbox() {}

  static Path resolve(Path dir, String path, boolean followFinal) throws ErrorCode.Failure {
    if (path.isEmpty()) {
      throw new ErrorCode.Failure(ErrorCode.NO_ENTRY);
    }
    if (path.indexOf('\0') >= 0) {
      throw new ErrorCode.Failure(ErrorCode.INVALID);
    }
    if (path.startsWith("/")) {
      throw new ErrorCode.Failure(ErrorCode.NOT_PERMITTED);
    }
    Deque<String> todo = new ArrayDeque<>(List.of(path.split("/", -1)));
    List<String> inside = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String c = todo.pollFirst();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (inside.isEmpty()) {
          throw new ErrorCode.Failure(ErrorCode.NOT_PERMITTED);
        }
        inside.removeLast();
        continue;
      }
      Path here = join(dir, inside).resolve(c);
      boolean last = todo.stream().allMatch(s -> s.isEmpty() || s.equals("."));
      boolean mustBeDirectory = last && !todo.isEmpty();
      if ((!last || followFinal || mustBeDirectory) && Files.isSymbolicLink(here)) {
        if (++links > MAX_LINKS) {
          throw new ErrorCode.Failure(ErrorCode.LOOP);
        }
        String target;
        try {
          target = Files.readSymbolicLink(here).toString();
        } catch (IOException e) {
          throw new ErrorCode.Failure(ErrorCode.of(e));
        }
        if (target.startsWith("/")) {
          throw new ErrorCode.Failure(ErrorCode.NOT_PERMITTED);
        }
        List<String> parts = List.of(target.split("/", -1));
        for (int i = parts.size() - 1; i >= 0; i--) {
          todo.addFirst(parts.get(i));
        }
        continue;
      }
      inside.add(c);
    }
    Path resolved = join(dir, inside);
    if (path.endsWith("/") && Files.exists(resolved, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(resolved)) {
      throw new ErrorCode.Failure(ErrorCode.NOT_DIRECTORY); // "file/" names a directory
    }
    return resolved;
  }

  /** Whether a link at {@code linkPath} (inside {@code dir}) pointing to {@code target} stays inside {@code dir}. */
  static boolean linkStaysInside(String linkPath, String target) {
    if (target.isEmpty() || target.startsWith("/")) {
      return false;
    }
    List<String> parts = new ArrayList<>(List.of(linkPath.split("/", -1)));
    parts.removeLast();
    parts.addAll(List.of(target.split("/", -1)));
    int depth = 0;
    for (String c : parts) {
      if (c.equals("..")) {
        if (--depth < 0) {
          return false;
        }
      } else if (!c.isEmpty() && !c.equals(".")) {
        depth++;
      }
    }
    return true;
  }

  private static Path join(Path dir, List<String> inside) {
    Path p = dir;
    for (String c : inside) {
      p = p.resolve(c);
    }
    return p;
  }
}
