package dialtone.model.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a YAML file into a tree that remembers where it came from, so every validation error can
 * name the file, the key and what is wrong. Profiles and racks both load through here.
 */
public final class YamlSource {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlSource() {}

    public static YamlNode read(Path file) {
        String origin = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new YamlException(origin, "", "file not found");
        }
        try {
            return parse(origin, Files.readString(file));
        } catch (IOException e) {
            throw new YamlException(origin, "", "cannot read: " + e.getMessage());
        }
    }

    public static YamlNode parse(String origin, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new YamlException(origin, "", "not valid YAML" + at + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new YamlException(origin, "", "the file is empty");
        }
        return new YamlNode(origin, "", root);
    }
}
