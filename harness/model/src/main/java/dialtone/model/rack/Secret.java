package dialtone.model.rack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a secret (an account password, an admin token) comes from: an environment variable or a
 * file. The rack file names the source, never the value; {@link #toString()} never shows the value.
 */
public record Secret(Kind kind, String name) {

    public enum Kind { ENV, FILE }

    public static Secret env(String variable) { return new Secret(Kind.ENV, variable); }

    public static Secret file(String path) { return new Secret(Kind.FILE, path); }

    /** Reads the value; the error names the source, not the value. */
    public String resolve(Map<String, String> environment) {
        return switch (kind) {
            case ENV -> {
                String v = environment.get(name);
                if (v == null || v.isEmpty()) {
                    throw new IllegalStateException("environment variable " + name + " is not set");
                }
                yield v;
            }
            case FILE -> {
                try {
                    String v = Files.readString(Path.of(name)).strip();
                    if (v.isEmpty()) {
                        throw new IllegalStateException("secret file " + name + " is empty");
                    }
                    yield v;
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read secret file " + name + ": " + e.getClass().getSimpleName());
                }
            }
        };
    }

    public boolean isAvailable(Map<String, String> environment) {
        return switch (kind) {
            case ENV -> environment.get(name) != null && !environment.get(name).isEmpty();
            case FILE -> Files.isReadable(Path.of(name));
        };
    }

    @Override
    public String toString() {
        return kind == Kind.ENV ? "$" + name : "file " + name;
    }
}
