package dev.plugboard.app.work;

/** A piece of long work (opening, composing, building, running) that reports its progress. */
@FunctionalInterface
public interface Work<T> {
  T run(Progress progress) throws Exception;
}
