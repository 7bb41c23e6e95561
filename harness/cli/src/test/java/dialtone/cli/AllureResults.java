package dialtone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads what a run left in allure-results, for assertions. */
record AllureResults(Path dir) {
    private static final ObjectMapper JSON = new ObjectMapper();

    List<JsonNode> tests() {
        try (Stream<Path> files = Files.list(dir)) {
            List<JsonNode> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                out.add(JSON.readTree(f.toFile()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String label(JsonNode result, String name) {
        for (JsonNode l : result.path("labels")) {
            if (l.path("name").asText().equals(name)) return l.path("value").asText();
        }
        return null;
    }

    static String parameter(JsonNode result, String name) {
        for (JsonNode p : result.path("parameters")) {
            if (p.path("name").asText().equals(name)) return p.path("value").asText();
        }
        return null;
    }

    /** Every attachment of the result and its steps, depth first. */
    static List<JsonNode> attachments(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        node.path("attachments").forEach(out::add);
        for (JsonNode step : node.path("steps")) {
            out.addAll(attachments(step));
        }
        return out;
    }

    /**
     * The report categories (reports/categories.json) a result falls under, matched the way Allure
     * does: the result's status among {@code matchedStatuses}, and each regex given matching the
     * whole message or trace.
     */
    static List<String> categories(JsonNode result, Path categoriesJson) {
        try {
            List<String> names = new ArrayList<>();
            for (JsonNode c : JSON.readTree(categoriesJson.toFile())) {
                boolean status = false;
                for (JsonNode s : c.path("matchedStatuses")) status |= s.asText().equals(result.path("status").asText());
                if (status && matches(c.path("messageRegex"), result.path("statusDetails").path("message"))
                        && matches(c.path("traceRegex"), result.path("statusDetails").path("trace"))) {
                    names.add(c.path("name").asText());
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean matches(JsonNode regex, JsonNode text) {
        return regex.isMissingNode() || !text.isMissingNode()
                && java.util.regex.Pattern.compile(regex.asText(), java.util.regex.Pattern.DOTALL).matcher(text.asText()).matches();
    }

    byte[] read(JsonNode attachment) {
        try {
            return Files.readAllBytes(dir.resolve(attachment.path("source").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
