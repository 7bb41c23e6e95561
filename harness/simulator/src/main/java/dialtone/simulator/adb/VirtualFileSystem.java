package dialtone.simulator.adb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A phone's files, in memory: directories, files written over {@code sync:} (or by shell commands), and
 * read-only files whose content the phone generates ({@code /sys/class/net/eth0/address}). Only writable
 * directories ({@code /sdcard}, {@code /data/local/tmp}) take new files; the total written is capped so a
 * flood of pushes cannot exhaust the simulator. Errors carry Linux's errno text. Thread-safe.
 */
public final class VirtualFileSystem {

    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;
    /** Default cap on the bytes of all written files together. */
    public static final long DEFAULT_CAPACITY = 64L * 1024 * 1024;

    /** What {@code stat} says: mode with the file type bits, size in bytes, mtime in seconds. */
    public record Stat(int mode, long size, long mtime) {
        public boolean isDirectory() {
            return (mode & 0170000) == S_IFDIR;
        }
    }

    /** A directory entry: a name (no '/') and its stat. */
    public record Entry(String name, Stat stat) {
    }

    /** A failed file operation; the message is errno's text, e.g. "No such file or directory". */
    public static final class Failure extends Exception {
        public Failure(String errnoText) {
            super(errnoText);
        }
    }

    private sealed interface Node permits Dir, File {
    }

    private record Dir(int mode, long mtime, boolean writable) implements Node {
    }

    private record File(int mode, long mtime, byte[] data, Supplier<byte[]> generated) implements Node {
        byte[] content() {
            return generated != null ? generated.get() : data;
        }
    }

    private final Map<String, Node> nodes = new TreeMap<>();
    private final long capacity;
    private long used;

    public VirtualFileSystem() {
        this(DEFAULT_CAPACITY);
    }

    public VirtualFileSystem(long capacity) {
        this.capacity = capacity;
        nodes.put("/", new Dir(S_IFDIR | 0755, now(), false));
    }

    /** A file system with only {@code /} in it, which takes no files. */
    public static VirtualFileSystem empty() {
        return new VirtualFileSystem(0);
    }

    // ---------------------------------------------------------------- set-up by the phone

    /** Creates a directory and its parents; {@code writable} lets hosts put files in it (and below). */
    public synchronized VirtualFileSystem directory(String path, boolean writable) {
        String p = setUpPath(path);
        mkdirs(p, writable);
        return this;
    }

    /** A read-only file whose content is produced at every read (as /proc and /sys files are). */
    public synchronized VirtualFileSystem generated(String path, Supplier<String> content) {
        String p = setUpPath(path);
        mkdirs(parent(p), false);
        nodes.put(p, new File(S_IFREG | 0444, now(), null, () -> content.get().getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** Deletes everything hosts or commands created in writable directories (a factory reset wipes user data). */
    public synchronized void wipeUserData() {
        nodes.keySet().removeIf(path -> !path.equals("/") && isWritableDir(parent(path)));
        used = 0;
    }

    // ---------------------------------------------------------------- what hosts and commands do

    /** The stat of a path, if it exists. */
    public synchronized Optional<Stat> stat(String path) {
        String p;
        try {
            p = normalize(path);
        } catch (Failure e) {
            return Optional.empty();
        }
        Node n = nodes.get(p);
        if (n == null) {
            return Optional.empty();
        }
        return Optional.of(stat(n));
    }

    /** The entries of a directory, sorted by name ({@code .} and {@code ..} not included). */
    public synchronized List<Entry> list(String path) throws Failure {
        String p = normalize(path);
        Node n = nodes.get(p);
        if (n == null) {
            throw new Failure("No such file or directory");
        }
        if (!(n instanceof Dir)) {
            throw new Failure("Not a directory");
        }
        String prefix = p.equals("/") ? "/" : p + "/";
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(prefix) && k.length() > prefix.length() && k.indexOf('/', prefix.length()) < 0) {
                out.add(new Entry(k.substring(prefix.length()), stat(e.getValue())));
            }
        }
        return out;
    }

    public synchronized byte[] read(String path) throws Failure {
        Node n = nodes.get(normalize(path));
        if (n == null) {
            throw new Failure("No such file or directory");
        }
        if (n instanceof File f) {
            return f.content().clone();
        }
        throw new Failure("Is a directory");
    }

    /**
     * Writes (creates or replaces) a file, creating missing parent directories inside a writable one, as
     * adbd does for a push.
     *
     * @param mode  permission bits (the file type bits are ignored)
     * @param mtime seconds since the epoch
     */
    public synchronized void write(String path, int mode, byte[] content, long mtime) throws Failure {
        String p = normalize(path);
        Node existing = nodes.get(p);
        if (existing instanceof Dir) {
            throw new Failure("Is a directory");
        }
        String dir = parent(p);
        String existingAncestor = dir;
        while (!nodes.containsKey(existingAncestor)) {
            existingAncestor = parent(existingAncestor);
        }
        if (!(nodes.get(existingAncestor) instanceof Dir d)) {
            throw new Failure("Not a directory");
        }
        if (!d.writable() || (existing instanceof File f && f.generated() != null)) {
            throw new Failure("Permission denied");
        }
        long before = existing instanceof File f ? f.data().length : 0;
        if (used - before + content.length > capacity) {
            throw new Failure("No space left on device");
        }
        mkdirs(dir, false);
        nodes.put(p, new File(S_IFREG | (mode & 07777), mtime, content.clone(), null));
        used += content.length - before;
    }

    /** Space left for written files, in bytes. */
    public synchronized long free() {
        return capacity - used;
    }

    // ---------------------------------------------------------------- paths

    /** An absolute path with {@code //}, {@code .} and {@code ..} resolved and no trailing '/' ("/" stays). */
    static String normalize(String path) throws Failure {
        if (path == null || !path.startsWith("/")) {
            throw new Failure("No such file or directory");
        }
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            if (part.length() > 255) {
                throw new Failure("File name too long");
            }
            parts.add(part);
        }
        return "/" + String.join("/", parts);
    }

    private static String setUpPath(String path) {
        try {
            return normalize(path);
        } catch (Failure e) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
    }

    private static String parent(String p) {
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? "/" : p.substring(0, slash);
    }

    /** Creates p and missing parents, top-down; a new directory is writable if asked or if its parent is. */
    private void mkdirs(String p, boolean writable) {
        if (p.equals("/") || nodes.get(p) instanceof Dir) {
            return;
        }
        mkdirs(parent(p), false);
        boolean w = writable || isWritableDir(parent(p));
        nodes.put(p, new Dir(S_IFDIR | (w ? 0775 : 0755), now(), w));
    }

    private boolean isWritableDir(String p) {
        return nodes.get(p) instanceof Dir d && d.writable();
    }

    private static Stat stat(Node n) {
        if (n instanceof File f) {
            return new Stat(f.mode(), f.content().length, f.mtime());
        }
        Dir d = (Dir) n;
        return new Stat(d.mode(), 4096, d.mtime());
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
