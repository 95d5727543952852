package dev.plugboard.runtime.wasi;

import static dev.plugboard.runtime.wasi.WasiValues.OK;
import static dev.plugboard.runtime.wasi.WasiValues.errCode;
import static dev.plugboard.runtime.wasi.WasiValues.flag;
import static dev.plugboard.runtime.wasi.WasiValues.ok;
import static dev.plugboard.runtime.wasi.WasiValues.string;
import static dev.plugboard.runtime.wasi.WasiValues.u64;

import dev.plugboard.types.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code wasi:filesystem} ({@code types}, {@code preopens}) over the granted directories. Every
 * path goes through {@link Sandbox} against the descriptor it is relative to; a read-only grant
 * refuses every change under it with {@code not-permitted}; Java I/O failures become
 * {@code error-code}s ({@link ErrorCode#of}).
 */
final class FilesystemHost {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  /** An open file or directory: its host path, what it may do, and for a file its channel. */
  record Descriptor(Path path, boolean directory, boolean read, boolean write, boolean mutable, FileChannel channel) {
    void close() {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // nothing the guest could do about it
        }
      }
    }
  }

  private final WasiConfig config;
  private final IoHost io;
  final ResourceTable<Descriptor> descriptors = new ResourceTable<>("descriptor", Descriptor::close);
  private final ResourceTable<Iterator<Value>> entries = new ResourceTable<>("directory-entry-stream");

  FilesystemHost(WasiConfig config, IoHost io) {
    this.config = config;
    this.io = io;
  }

  @FunctionalInterface
  private interface Op {
    Value apply() throws IOException, ErrorCode.Failure;
  }

  /** Runs a filesystem operation: its value as {@code ok}, a refusal or I/O failure as {@code err(code)}. */
  private static Value attempt(Op op) {
    try {
      Value v = op.apply();
      return v == null ? OK : ok(v);
    } catch (ErrorCode.Failure f) {
      return errCode(f.code);
    } catch (IOException e) {
      return errCode(ErrorCode.of(e));
    } catch (SecurityException | UnsupportedOperationException e) {
      return errCode(ErrorCode.NOT_PERMITTED);
    } catch (IllegalArgumentException e) {
      return errCode(ErrorCode.INVALID); // e.g. an offset past Long.MAX_VALUE, a path Java cannot name
    } catch (DirectoryIteratorException e) {
      return errCode(ErrorCode.of(e.getCause()));
    }
  }

  void register(Map<String, WasiInterface> into) {
    into.put("wasi:filesystem/preopens", new WasiInterface().function("get-directories", a -> preopens()));
    WasiInterface types = new WasiInterface().resource("descriptor", descriptors)
        .resource("directory-entry-stream", entries);
    types.function("[method]descriptor.read-via-stream", a -> attempt(() -> {
      Descriptor d = file(a[0], true, false);
      return io.inputs.own(new WasiStreams.FileIn(d.channel(), offset(a[1])));
    }));
    types.function("[method]descriptor.write-via-stream", a -> attempt(() -> {
      Descriptor d = file(a[0], false, true);
      return io.outputs.own(new WasiStreams.FileOut(d.channel(), offset(a[1]), false));
    }));
    types.function("[method]descriptor.append-via-stream", a -> attempt(() -> {
      Descriptor d = file(a[0], false, true);
      return io.outputs.own(new WasiStreams.FileOut(d.channel(), 0, true));
    }));
    types.function("[method]descriptor.advise", a -> attempt(() -> null));
    types.function("[method]descriptor.sync-data", a -> attempt(() -> sync(a[0])));
    types.function("[method]descriptor.sync", a -> attempt(() -> sync(a[0])));
    types.function("[method]descriptor.get-flags", a -> attempt(() -> {
      Descriptor d = descriptors.get(a[0]);
      List<String> flags = new ArrayList<>();
      if (d.read()) {
        flags.add("read");
      }
      if (d.write()) {
        flags.add("write");
      }
      if (d.directory() && d.mutable()) {
        flags.add("mutate-directory");
      }
      return new Value.FlagsValue(flags);
    }));
    types.function("[method]descriptor.get-type", a -> attempt(() -> type(descriptors.get(a[0]).path(), true)));
    types.function("[method]descriptor.set-size", a -> attempt(() -> {
      Descriptor d = file(a[0], false, true);
      long size = u64(a[1]);
      if (size < d.channel().size()) {
        d.channel().truncate(size);
      } else if (size > d.channel().size()) {
        d.channel().write(ByteBuffer.wrap(new byte[1]), size - 1);
      }
      return null;
    }));
    types.function("[method]descriptor.set-times", a -> attempt(() -> {
      Descriptor d = descriptors.get(a[0]);
      requireChange(d);
      setTimes(d.path(), true, a[1], a[2]);
      return null;
    }));
    types.function("[method]descriptor.read", a -> attempt(() -> {
      Descriptor d = file(a[0], true, false);
      int len = WasiValues.length(a[1], "read", IoHost.READ_CHUNK);
      ByteBuffer b = ByteBuffer.allocate(len);
      int n = d.channel().read(b, u64(a[2]));
      byte[] got = n <= 0 ? new byte[0] : java.util.Arrays.copyOf(b.array(), n);
      boolean end = n < 0 || u64(a[2]) + Math.max(n, 0) >= d.channel().size();
      return new Value.TupleValue(List.of(WasiValues.list(got), Value.bool(end)));
    }));
    types.function("[method]descriptor.write", a -> attempt(() -> {
      Descriptor d = file(a[0], false, true);
      ByteBuffer b = ByteBuffer.wrap(WasiValues.bytes(a[1]));
      long at = u64(a[2]);
      while (b.hasRemaining()) {
        at += d.channel().write(b, at);
      }
      return Value.u64(b.capacity());
    }));
    types.function("[method]descriptor.read-directory", a -> attempt(() -> entries.own(list(directory(a[0]).path()))));
    types.function("[method]directory-entry-stream.read-directory-entry", a -> attempt(() -> {
      Iterator<Value> it = entries.get(a[0]);
      return it.hasNext() ? Value.some(it.next()) : Value.none();
    }));
    types.function("[method]descriptor.create-directory-at", a -> attempt(() -> {
      Files.createDirectory(changeAt(a[0], string(a[1]), false));
      return null;
    }));
    types.function("[method]descriptor.stat", a -> attempt(() -> stat(descriptors.get(a[0]).path(), true)));
    types.function("[method]descriptor.stat-at", a -> attempt(() -> {
      boolean follow = flag(a[1], "symlink-follow");
      return stat(Sandbox.resolve(directory(a[0]).path(), string(a[2]), follow), follow);
    }));
    types.function("[method]descriptor.set-times-at", a -> attempt(() -> {
      boolean follow = flag(a[1], "symlink-follow");
      setTimes(changeAt(a[0], string(a[2]), follow), follow, a[3], a[4]);
      return null;
    }));
    types.function("[method]descriptor.link-at", a -> attempt(() -> {
      Path existing = changeAt(a[0], string(a[2]), flag(a[1], "symlink-follow"));
      Path link = changeAt(a[3], string(a[4]), false);
      Files.createLink(link, existing);
      return null;
    }));
    types.function("[method]descriptor.open-at", a -> attempt(() -> openAt(a)));
    types.function("[method]descriptor.readlink-at", a -> attempt(() -> {
      Path p = Sandbox.resolve(directory(a[0]).path(), string(a[1]), false);
      return Value.string(Files.readSymbolicLink(p).toString());
    }));
    types.function("[method]descriptor.remove-directory-at", a -> attempt(() -> {
      Path p = changeAt(a[0], string(a[1]), false);
      if (!Files.isDirectory(p, NOFOLLOW)) {
        throw new ErrorCode.Failure(Files.exists(p, NOFOLLOW) ? ErrorCode.NOT_DIRECTORY : ErrorCode.NO_ENTRY);
      }
      Files.delete(p);
      return null;
    }));
    types.function("[method]descriptor.rename-at", a -> attempt(() -> {
      Path from = changeAt(a[0], string(a[1]), false);
      Path to = changeAt(a[2], string(a[3]), false);
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      return null;
    }));
    types.function("[method]descriptor.symlink-at", a -> attempt(() -> {
      String target = string(a[1]);
      if (!Sandbox.linkStaysInside(string(a[2]), target)) {
        throw new ErrorCode.Failure(ErrorCode.NOT_PERMITTED);
      }
      Files.createSymbolicLink(changeAt(a[0], string(a[2]), false), Path.of(target));
      return null;
    }));
    types.function("[method]descriptor.unlink-file-at", a -> attempt(() -> {
      Path p = changeAt(a[0], string(a[1]), false);
      if (Files.isDirectory(p, NOFOLLOW)) {
        throw new ErrorCode.Failure(ErrorCode.IS_DIRECTORY);
      }
      Files.delete(p);
      return null;
    }));
    types.function("[method]descriptor.is-same-object", a -> {
      try {
        return Value.bool(Files.isSameFile(descriptors.get(a[0]).path(), descriptors.get(a[1]).path()));
      } catch (IOException e) {
        return Value.bool(false);
      }
    });
    types.function("[method]descriptor.metadata-hash", a -> attempt(() -> hash(descriptors.get(a[0]).path(), true)));
    types.function("[method]descriptor.metadata-hash-at", a -> attempt(() -> {
      boolean follow = flag(a[1], "symlink-follow");
      return hash(Sandbox.resolve(directory(a[0]).path(), string(a[2]), follow), follow);
    }));
    types.function("filesystem-error-code", a -> {
      IOException e = io.errors.get(a[0]);
      return e instanceof WasiStreams.Closed ? Value.none() : Value.some(new Value.EnumValue(ErrorCode.of(e).witName()));
    });
    into.put("wasi:filesystem/types", types);
  }

  private Value preopens() {
    List<Value> out = new ArrayList<>();
    for (WasiConfig.Preopen p : config.preopens()) {
      Path real;
      try {
        real = p.hostPath().toRealPath();
      } catch (IOException e) {
        continue; // checked when the grant was made; a folder removed since is simply not there
      }
      Value d = descriptors.own(new Descriptor(real, true, true, false, !p.readOnly(), null));
      out.add(new Value.TupleValue(List.of(d, Value.string(p.guestPath()))));
    }
    return Value.list(out);
  }

  /** A u64 file offset; those past {@code Long.MAX_VALUE} no file can reach. */
  private static long offset(Value v) throws ErrorCode.Failure {
    long n = u64(v);
    if (n < 0) {
      throw new ErrorCode.Failure(ErrorCode.INVALID);
    }
    return n;
  }

  private Descriptor directory(Value handle) throws ErrorCode.Failure {
    Descriptor d = descriptors.get(handle);
    if (!d.directory()) {
      throw new ErrorCode.Failure(ErrorCode.NOT_DIRECTORY);
    }
    return d;
  }

  private Descriptor file(Value handle, boolean read, boolean write) throws ErrorCode.Failure {
    Descriptor d = descriptors.get(handle);
    if (d.directory()) {
      throw new ErrorCode.Failure(ErrorCode.IS_DIRECTORY);
    }
    if ((read && !d.read()) || (write && !d.write())) {
      throw new ErrorCode.Failure(ErrorCode.BAD_DESCRIPTOR);
    }
    return d;
  }

  private static void requireChange(Descriptor d) throws ErrorCode.Failure {
    if (!d.mutable()) {
      throw new ErrorCode.Failure(ErrorCode.NOT_PERMITTED);
    }
  }

  /** A path to change under a directory descriptor: refused under a read-only grant. */
  private Path changeAt(Value dir, String path, boolean follow) throws ErrorCode.Failure {
    Descriptor d = directory(dir);
    requireChange(d);
    return Sandbox.resolve(d.path(), path, follow);
  }

  private Value openAt(Value[] a) throws IOException, ErrorCode.Failure {
    Descriptor dir = directory(a[0]);
    boolean follow = flag(a[1], "symlink-follow");
    boolean create = flag(a[3], "create");
    boolean exclusive = flag(a[3], "exclusive");
    boolean truncate = flag(a[3], "truncate");
    boolean mustBeDirectory = flag(a[3], "directory");
    boolean read = flag(a[4], "read");
    boolean write = flag(a[4], "write");
    if (!dir.mutable() && (write || create || truncate || flag(a[4], "mutate-directory"))) {
      throw new ErrorCode.Failure(ErrorCode.NOT_PERMITTED);
    }
    Path p = Sandbox.resolve(dir.path(), string(a[2]), follow);
    if (Files.isSymbolicLink(p)) {
      throw new ErrorCode.Failure(ErrorCode.LOOP); // O_NOFOLLOW on a link
    }
    boolean exists = Files.exists(p, NOFOLLOW);
    if (exists && create && exclusive) {
      throw new ErrorCode.Failure(ErrorCode.EXIST);
    }
    if (exists && Files.isDirectory(p, NOFOLLOW)) {
      if (write || truncate) {
        throw new ErrorCode.Failure(ErrorCode.IS_DIRECTORY);
      }
      return descriptors.own(new Descriptor(p, true, read, false, dir.mutable(), null));
    }
    if (mustBeDirectory) {
      throw new ErrorCode.Failure(exists ? ErrorCode.NOT_DIRECTORY : ErrorCode.NO_ENTRY);
    }
    Set<OpenOption> options = new HashSet<>(List.of(LinkOption.NOFOLLOW_LINKS));
    if (read || !write) {
      options.add(StandardOpenOption.READ);
    }
    if (write) {
      options.add(StandardOpenOption.WRITE);
    }
    if (truncate) {
      if (!write) {
        options.add(StandardOpenOption.WRITE);
      }
      options.add(StandardOpenOption.TRUNCATE_EXISTING);
    }
    if (create) {
      options.add(exclusive ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
      options.add(StandardOpenOption.WRITE);
    }
    FileChannel channel = FileChannel.open(p, options);
    return descriptors.own(new Descriptor(p, false, read, write, dir.mutable(), channel));
  }

  private Value sync(Value handle) throws IOException {
    Descriptor d = descriptors.get(handle);
    if (d.channel() != null && d.write()) {
      d.channel().force(true);
    }
    return null;
  }

  private static Value type(Path p, boolean follow) throws IOException {
    BasicFileAttributes at = Files.readAttributes(p, BasicFileAttributes.class, follow ? new LinkOption[0] : NOFOLLOW);
    return typeOf(at);
  }

  private static Value typeOf(BasicFileAttributes at) {
    String t = at.isDirectory() ? "directory" : at.isRegularFile() ? "regular-file"
        : at.isSymbolicLink() ? "symbolic-link" : "unknown";
    return new Value.EnumValue(t);
  }

  private static Iterator<Value> list(Path dir) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(children::add);
    }
    children.sort(null);
    List<Value> out = new ArrayList<>();
    for (Path c : children) {
      Value type;
      try {
        type = type(c, false);
      } catch (IOException e) {
        type = new Value.EnumValue("unknown");
      }
      out.add(new Value.RecordValue(List.of(new Value.Field("type", type),
          new Value.Field("name", Value.string(c.getFileName().toString())))));
    }
    return out.iterator();
  }

  private static Value stat(Path p, boolean follow) throws IOException {
    LinkOption[] opts = follow ? new LinkOption[0] : NOFOLLOW;
    BasicFileAttributes at = Files.readAttributes(p, BasicFileAttributes.class, opts);
    long links = 1;
    FileTime ctime = null;
    try {
      Map<String, Object> unix = Files.readAttributes(p, "unix:nlink,ctime", opts);
      links = ((Number) unix.get("nlink")).longValue();
      ctime = (FileTime) unix.get("ctime");
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // not a Unix file system: one link, no status-change time
    }
    return new Value.RecordValue(List.of(new Value.Field("type", typeOf(at)),
        new Value.Field("link-count", Value.u64(links)), new Value.Field("size", Value.u64(at.size())),
        new Value.Field("data-access-timestamp", time(at.lastAccessTime())),
        new Value.Field("data-modification-timestamp", time(at.lastModifiedTime())),
        new Value.Field("status-change-timestamp", time(ctime))));
  }

  private static Value time(FileTime t) {
    if (t == null) {
      return Value.none();
    }
    Instant i = t.toInstant();
    return Value.some(ClocksHost.datetime(i.getEpochSecond(), i.getNano()));
  }

  private static Value hash(Path p, boolean follow) throws IOException {
    LinkOption[] opts = follow ? new LinkOption[0] : NOFOLLOW;
    long lower;
    long upper;
    try {
      Map<String, Object> unix = Files.readAttributes(p, "unix:ino,dev", opts);
      lower = ((Number) unix.get("ino")).longValue();
      upper = ((Number) unix.get("dev")).longValue();
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      Object key = Files.readAttributes(p, BasicFileAttributes.class, opts).fileKey();
      lower = key == null ? p.toAbsolutePath().hashCode() : key.hashCode();
      upper = 0;
    }
    return new Value.RecordValue(List.of(new Value.Field("lower", Value.u64(lower)),
        new Value.Field("upper", Value.u64(upper))));
  }

  private static void setTimes(Path p, boolean follow, Value access, Value modification) throws IOException {
    BasicFileAttributeView view = Files.getFileAttributeView(p, BasicFileAttributeView.class,
        follow ? new LinkOption[0] : NOFOLLOW);
    view.setTimes(newTime(modification), newTime(access), null);
  }

  /** {@code new-timestamp}: null for {@code no-change}. */
  private static FileTime newTime(Value v) {
    Value.VariantValue nt = (Value.VariantValue) v;
    return switch (nt.caseName()) {
      case "now" -> FileTime.from(Instant.now());
      case "timestamp" -> {
        Value.RecordValue r = (Value.RecordValue) nt.payload();
        yield FileTime.from(Instant.ofEpochSecond(u64(r.get("seconds")), u64(r.get("nanoseconds"))));
      }
      default -> null;
    };
  }

  void close() {
    descriptors.clear(Descriptor::close);
  }
}
