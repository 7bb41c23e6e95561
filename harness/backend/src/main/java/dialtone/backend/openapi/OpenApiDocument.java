package dialtone.backend.openapi;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of the admin API. Written by hand (no
 * OpenAPI plugin for Javalin 7 yet); {@code OpenApiDocumentTest} compares its paths with the
 * routes the server registers, so the two cannot drift apart.
 */
public final class OpenApiDocument {
    public static final String PATH = "/openapi.json";
    static final String RESOURCE = "openapi.json";

    private final String json = load();

    public void register(RoutesConfig routes) {
        routes.get(PATH, ctx -> ctx.contentType("application/json").result(json));
    }

    private static String load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document", e);
        }
    }
}
