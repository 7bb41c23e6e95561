package dialtone.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /openapi.json} describes exactly the admin routes the server registers. */
class OpenApiDocumentTest {
    /**
     * Contract routes (ARCHITECTURE.md, the issue) that the document describes before the server has
     * them. Empty this as they land: the test fails when a listed route is registered.
     */
    private static final Set<String> NOT_YET_REGISTERED = Set.of(
            "POST /admin/v1/provisioning/devices/upload",
            "GET /admin/v1/provisioning/template",
            "GET /admin/v1/users",
            "POST /admin/v1/users",
            "PATCH /admin/v1/tenant",
            "GET /admin/v1/audit",
            "POST /beta/teamwork/devices/{id}/restart",
            "GET /beta/teamwork/devices/{id}/operations/{operationId}");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private BackendServer backend;
    private JsonNode document;

    @BeforeEach
    void start() {
        backend = BackendServer.start(TestBackends.config().build());
        Http.Reply reply = new Http(backend.url()).get("/openapi.json", null);
        assertThat(reply.status()).isEqualTo(200);
        document = reply.json();
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void isAnOpenApi31DocumentWithBearerAuth() {
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.path("info").path("title").asText()).isNotBlank();
        assertThat(document.path("components").path("securitySchemes").path("adminToken").path("scheme").asText())
                .isEqualTo("bearer");
        assertThat(document.path("security").get(0).has("adminToken")).isTrue();
    }

    @Test
    void everyAdminRouteTheServerRegistersIsDocumentedAndViceVersa() {
        Set<String> registered = new TreeSet<>();
        for (String route : backend.endpoints()) {
            String path = route.substring(route.indexOf(' ') + 1);
            if (path.startsWith("/admin/") || path.startsWith("/beta/")) {
                registered.add(route);
            }
        }
        Set<String> documented = documentedRoutes();
        assertThat(registered).as("sanity: the server lists its admin routes").contains("GET /beta/teamwork/devices");

        Set<String> undocumented = new TreeSet<>(registered);
        undocumented.removeAll(documented);
        assertThat(undocumented).as("routes the server registers that openapi.json does not describe").isEmpty();

        Set<String> unregistered = new TreeSet<>(documented);
        unregistered.removeAll(registered);
        unregistered.removeAll(NOT_YET_REGISTERED);
        assertThat(unregistered).as("routes openapi.json describes that the server does not register").isEmpty();

        Set<String> landed = new TreeSet<>(NOT_YET_REGISTERED);
        landed.retainAll(registered);
        assertThat(landed).as("registered now: remove them from NOT_YET_REGISTERED").isEmpty();
        assertThat(documented).as("NOT_YET_REGISTERED must be documented").containsAll(NOT_YET_REGISTERED);
    }

    @Test
    void everyReferenceResolvesAndEveryOperationAnswersUnauthorized() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as("unresolved $ref " + ref).isFalse();
        }
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                assertThat(op.getValue().path("responses").has("401")).as(op.getKey() + " " + path.getKey()).isTrue();
            }
        }));
    }

    private Set<String> documentedRoutes() {
        Set<String> routes = new TreeSet<>();
        for (Iterator<String> paths = document.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            document.path("paths").path(path).fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    routes.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            });
        }
        return routes;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getKey().equals("$ref")) {
                    refs.add(f.getValue().asText());
                } else {
                    collectRefs(f.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
