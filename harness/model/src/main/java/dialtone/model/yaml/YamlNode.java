package dialtone.model.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict view of one YAML mapping, list or scalar. Readers declare every key they know
 * ({@link #keys}); anything else is an error, so a typo in a profile or rack never passes silently.
 */
public final class YamlNode {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final String file;
    private final String path;
    private final JsonNode node;

    YamlNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    public String file() { return file; }

    public String path() { return path; }

    public YamlException error(String problem) {
        return new YamlException(file, path, problem);
    }

    /** Fails on any key outside {@code known}, naming the closest known keys. */
    public YamlNode keys(String... known) {
        requireMapping();
        Set<String> allowed = Set.of(known);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw child(key).error("unknown key (known keys here: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    public boolean isMapping() {
        return node.isObject();
    }

    public boolean has(String key) {
        requireMapping();
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    public YamlNode get(String key) {
        requireMapping();
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw child(key).error("missing");
        }
        return child(key);
    }

    public Optional<YamlNode> optional(String key) {
        return has(key) ? Optional.of(child(key)) : Optional.empty();
    }

    /** Keys of a mapping in file order. */
    public List<String> fieldNames() {
        requireMapping();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public List<YamlNode> list() {
        if (!node.isArray()) {
            throw error("must be a list, found " + kind());
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new YamlNode(file, path + "[" + i + "]", node.get(i)));
        }
        return items;
    }

    public String text() {
        if (!node.isValueNode()) {
            throw error("must be a single value, found " + kind());
        }
        String s = node.asText().strip();
        if (s.isEmpty()) {
            throw error("must not be empty");
        }
        return s;
    }

    public String text(String key) {
        return get(key).text();
    }

    public Optional<String> optionalText(String key) {
        return optional(key).map(YamlNode::text);
    }

    public int integer(String key, int min, int max) {
        YamlNode v = get(key);
        if (!v.node.canConvertToInt() || !v.node.isIntegralNumber()) {
            throw v.error("must be a whole number, found '" + v.node.asText() + "'");
        }
        int i = v.node.asInt();
        if (i < min || i > max) {
            throw v.error("must be between " + min + " and " + max + ", found " + i);
        }
        return i;
    }

    public boolean bool(String key) {
        YamlNode v = get(key);
        if (!v.node.isBoolean()) {
            throw v.error("must be true or false, found '" + v.node.asText() + "'");
        }
        return v.node.asBoolean();
    }

    /** Durations are written like {@code 250ms}, {@code 20s}, {@code 3m} or {@code 1h}. */
    public Duration duration(String key) {
        YamlNode v = get(key);
        Matcher m = DURATION.matcher(v.text());
        if (!m.matches()) {
            throw v.error("must be a duration like 250ms, 20s, 3m or 1h, found '" + v.text() + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** Parses a scalar with {@code parser}; its IllegalArgumentException becomes an error naming this key. */
    public <T> T as(Function<String, T> parser) {
        String raw = text();
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** A mapping of scalar values, in file order. */
    public Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : fieldNames()) {
            out.put(k, child(k).text());
        }
        return out;
    }

    public YamlNode child(String key) {
        JsonNode v = node.get(key);
        return new YamlNode(file, path.isEmpty() ? key : path + "." + key, v == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : v);
    }

    private void requireMapping() {
        if (!node.isObject()) {
            throw error("must be a mapping of keys to values, found " + kind());
        }
    }

    private String kind() {
        if (node.isObject()) return "a mapping";
        if (node.isArray()) return "a list";
        if (node.isMissingNode() || node.isNull()) return "nothing";
        return "'" + node.asText() + "'";
    }
}
