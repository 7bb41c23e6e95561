package dialtone.model.yaml;

/** A YAML file does not say what it must: names the file, the key path and the problem. */
public class YamlException extends RuntimeException {
    private final String file;
    private final String key;
    private final String problem;

    public YamlException(String file, String key, String problem) {
        super(file + (key.isEmpty() ? "" : ": " + key) + ": " + problem);
        this.file = file;
        this.key = key;
        this.problem = problem;
    }

    public String file() { return file; }

    public String key() { return key; }

    public String problem() { return problem; }
}
