package dialtone.backend.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /}: TAC's "Provision new devices" view as a static page. The server renders no tenant
 * data into it: the operator pastes an admin token once, the page keeps it in {@code sessionStorage}
 * and calls the admin API with it, and {@link ConsoleEvents} streams the tabs live. The strict
 * Content-Security-Policy (scripts only from this origin, no inline script) guards that token.
 */
public final class ConsolePage {
    static final String SCRIPT = "/console/console.js";
    static final String STYLE = "/console/console.css";
    private static final String CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final String html = resource("index.html");
    private final String script = resource("console.js");
    private final String style = resource("console.css");

    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> serve(ctx, "text/html; charset=utf-8", html));
        routes.get(SCRIPT, ctx -> serve(ctx, "text/javascript; charset=utf-8", script));
        routes.get(STYLE, ctx -> serve(ctx, "text/css; charset=utf-8", style));
    }

    private static void serve(Context ctx, String contentType, String body) {
        ctx.header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .contentType(contentType)
                .result(body);
    }

    private static String resource(String name) {
        try (InputStream in = ConsolePage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("console resource " + name + " is missing from the backend jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
