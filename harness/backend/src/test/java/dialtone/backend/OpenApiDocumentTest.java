package dialtone.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dialtone.model.Json;
import dialtone.model.audit.AuditEvent;
import dialtone.model.directory.DirectoryUser;
import dialtone.model.directory.NewUser;
import dialtone.model.directory.TenantSettings;
import dialtone.model.provisioning.AddDevicesResult;
import dialtone.model.provisioning.ApiError;
import dialtone.model.provisioning.IssuedVerificationCode;
import dialtone.model.provisioning.NewDevice;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningSummary;
import dialtone.model.provisioning.RejectedRow;
import dialtone.model.provisioning.RemoteSignIn;
import dialtone.model.teamwork.TeamworkDevice;
import dialtone.model.teamwork.TeamworkDeviceHealth;
import dialtone.model.teamwork.TeamworkSoftwareUpdateHealth;
import dialtone.model.teamwork.TeamworkSoftwareUpdateStatus;
import dialtone.model.teamwork.TeamworkDeviceList;
import dialtone.model.teamwork.TeamworkDeviceOperation;
import dialtone.model.teamwork.TeamworkDeviceOperationList;
import dialtone.model.teamwork.TeamworkHardwareDetail;
import dialtone.model.teamwork.TeamworkOperationError;
import dialtone.model.teamwork.TeamworkUserIdentity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json} describes exactly the admin routes the server registers, and its schemas
 * have exactly the JSON properties (and enum values) of the model types the routes read and write.
 */
class OpenApiDocumentTest {
    /** The bodies the admin API reads and writes; each is a schema of the same name in the document. */
    private static final List<Class<?>> BODIES = List.of(ApiError.class, NewDevice.class, ProvisioningRecord.class,
            RejectedRow.class, AddDevicesResult.class, ProvisioningSummary.class, IssuedVerificationCode.class,
            RemoteSignIn.class, DirectoryUser.class, NewUser.class, TenantSettings.class, AuditEvent.class,
            TeamworkUserIdentity.class, TeamworkHardwareDetail.class, TeamworkDevice.class, TeamworkDeviceList.class,
            TeamworkDeviceOperation.class, TeamworkDeviceOperationList.class, TeamworkOperationError.class,
            TeamworkDeviceHealth.class, TeamworkSoftwareUpdateHealth.class, TeamworkSoftwareUpdateStatus.class);
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
        assertThat(unregistered).as("routes openapi.json describes that the server does not register").isEmpty();
    }

    @Test
    void everySchemaHasTheJsonPropertiesAndEnumValuesOfItsModelType() {
        ObjectMapper json = Json.newMapper();
        JsonNode schemas = document.path("components").path("schemas");
        Set<String> names = new TreeSet<>();
        schemas.fieldNames().forEachRemaining(names::add);
        assertThat(names).as("schemas in openapi.json").containsExactlyInAnyOrderElementsOf(
                BODIES.stream().map(Class::getSimpleName).toList());

        for (Class<?> body : BODIES) {
            JsonNode schema = schemas.path(body.getSimpleName());
            Map<String, BeanPropertyDefinition> properties = new TreeMap<>();
            for (BeanPropertyDefinition p : json.getSerializationConfig().introspect(json.constructType(body)).findProperties()) {
                properties.put(p.getName(), p);
            }
            Set<String> documented = new TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(documented::add);
            assertThat(documented).as("properties of schema " + body.getSimpleName()).isEqualTo(properties.keySet());

            properties.forEach((name, property) -> {
                Class<?> type = property.getRawPrimaryType();
                if (type.isEnum()) {
                    Set<String> values = new TreeSet<>();
                    for (Object constant : type.getEnumConstants()) {
                        values.add(json.valueToTree(constant).asText());
                    }
                    Set<String> listed = new TreeSet<>();
                    schema.path("properties").path(name).path("enum").forEach(v -> {
                        if (!v.isNull()) {
                            listed.add(v.asText());
                        }
                    });
                    assertThat(listed).as("enum of " + body.getSimpleName() + "." + name).isEqualTo(values);
                }
            });
        }
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
