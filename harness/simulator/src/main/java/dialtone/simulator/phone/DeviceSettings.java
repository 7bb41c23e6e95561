package dialtone.simulator.phone;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Android's settings provider as {@code adb shell settings} sees it: {@code system}, {@code secure}
 * and {@code global} key/value tables. They survive a reboot; a factory reset empties them.
 */
final class DeviceSettings {
    static final Set<String> NAMESPACES = Set.of("system", "secure", "global");

    private final Map<String, Map<String, String>> tables = new ConcurrentHashMap<>();

    String get(String namespace, String key) {
        return table(namespace).get(key);
    }

    void put(String namespace, String key, String value) {
        table(namespace).put(key, value);
    }

    void delete(String namespace, String key) {
        table(namespace).remove(key);
    }

    Map<String, String> list(String namespace) {
        return new TreeMap<>(table(namespace));
    }

    /** The factory reset's part. */
    void wipe() {
        tables.clear();
    }

    private Map<String, String> table(String namespace) {
        if (!NAMESPACES.contains(namespace)) throw new IllegalArgumentException("Invalid namespace '" + namespace + "'");
        return tables.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>());
    }
}
