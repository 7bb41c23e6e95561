package dialtone.simulator.appium;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire rules, checked with a plain HTTP client: status codes, error bodies, content type. */
class W3CProtocolTest {

    private static final String UDID = "127.0.0.1:5555";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private FakePhone phone;
    private AppiumServer server;

    @BeforeEach
    void start() {
        phone = new FakePhone(UDID);
        server = AppiumServer.start("127.0.0.1", 0, u -> u.equals(UDID) ? Optional.of(phone) : Optional.empty());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private record Reply(int status, String contentType, JsonNode body) {
        JsonNode value() {
            return body.get("value");
        }

        String error() {
            return value().path("error").asText(null);
        }

        String message() {
            return value().path("message").asText(null);
        }
    }

    private Reply send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json; charset=utf-8");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), JSON.readTree(r.body()));
    }

    private String newSession() throws Exception {
        Reply r = send("POST", "/session", "{\"capabilities\":{\"alwaysMatch\":{\"platformName\":\"Android\"},"
                + "\"firstMatch\":[{\"appium:udid\":\"" + UDID + "\"}]}}");
        assertThat(r.status()).isEqualTo(200);
        return r.value().get("sessionId").asText();
    }

    @Test
    void statusIsReady() throws Exception {
        Reply r = send("GET", "/status", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.value().get("ready").asBoolean()).isTrue();
        assertThat(r.value().get("message").asText()).isNotBlank();
        assertThat(send("GET", "/wd/hub/status", null).value().get("ready").asBoolean()).isTrue();
    }

    @Test
    void newSessionMergesAlwaysMatchAndReportsThePhone() throws Exception {
        Reply r = send("POST", "/session", "{\"capabilities\":{\"alwaysMatch\":{\"platformName\":\"android\",\"appium:newCommandTimeout\":60},"
                + "\"firstMatch\":[{\"appium:udid\":\"" + UDID + "\"}]}}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode caps = r.value().get("capabilities");
        assertThat(r.value().get("sessionId").asText()).isNotBlank();
        assertThat(caps.get("platformName").asText()).isEqualTo("Android");
        assertThat(caps.get("appium:udid").asText()).isEqualTo(UDID);
        assertThat(caps.get("appium:newCommandTimeout").asInt()).isEqualTo(60);
        assertThat(caps.get("appium:platformVersion").asText()).isEqualTo("12");
        assertThat(caps.get("appium:deviceName").asText()).isNotBlank();
    }

    @Test
    void newSessionWithoutUdidOrWithAnotherPlatformFails() throws Exception {
        Reply noUdid = send("POST", "/session", "{\"capabilities\":{\"firstMatch\":[{\"platformName\":\"Android\"}]}}");
        assertThat(noUdid.status()).isEqualTo(500);
        assertThat(noUdid.error()).isEqualTo("session not created");
        assertThat(noUdid.message()).contains("appium:udid");

        Reply ios = send("POST", "/session", "{\"capabilities\":{\"firstMatch\":[{\"platformName\":\"iOS\",\"appium:udid\":\"" + UDID + "\"}]}}");
        assertThat(ios.status()).isEqualTo(500);
        assertThat(ios.message()).contains("iOS");
    }

    @Test
    void malformedJsonIsInvalidArgument() throws Exception {
        Reply r = send("POST", "/session", "{\"capabilities\": {");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.error()).isEqualTo("invalid argument");
        assertThat(r.message()).contains("not valid JSON").contains("line 1");
        assertThat(r.value().get("stacktrace").asText()).isEmpty();
    }

    @Test
    void missingOrMistypedFieldsAreNamed() throws Exception {
        String s = newSession();
        Reply missing = send("POST", "/session/" + s + "/element", "{\"using\":\"id\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).isEqualTo("invalid argument");
        assertThat(missing.message()).contains("'value'");

        Reply array = send("POST", "/session/" + s + "/element", "[1,2]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.message()).contains("JSON object");

        Reply wrongType = send("POST", "/session/" + s + "/timeouts", "{\"implicit\":\"soon\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.message()).contains("implicit");
    }

    @Test
    void unknownRouteIsUnknownCommandAndWrongMethodIsUnknownMethod() throws Exception {
        Reply unknown = send("GET", "/session/x/no-such-thing", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("unknown command");

        Reply wrongMethod = send("DELETE", "/status", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.error()).isEqualTo("unknown method");
        assertThat(wrongMethod.contentType()).startsWith("application/json");
    }

    @Test
    void unknownSessionIsInvalidSessionId() throws Exception {
        Reply r = send("GET", "/session/not-a-session/source", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).isEqualTo("invalid session id");
    }

    @Test
    void deletedAndRebootedSessionsAreGone() throws Exception {
        String s = newSession();
        assertThat(send("DELETE", "/session/" + s, null).status()).isEqualTo(200);
        assertThat(send("GET", "/session/" + s + "/source", null).error()).isEqualTo("invalid session id");

        String t = newSession();
        server.endSessionsOf(UDID);
        assertThat(send("GET", "/session/" + t + "/source", null).error()).isEqualTo("invalid session id");
    }

    @Test
    void aNewSessionReplacesThePhonesOldOne() throws Exception {
        String first = newSession();
        String second = newSession();
        assertThat(send("GET", "/session/" + first + "/source", null).error()).isEqualTo("invalid session id");
        assertThat(send("GET", "/session/" + second + "/source", null).status()).isEqualTo(200);
    }

    @Test
    void badXpathIsInvalidSelector() throws Exception {
        String s = newSession();
        Reply r = send("POST", "/session/" + s + "/element", "{\"using\":\"xpath\",\"value\":\"//*[@text=\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("invalid selector");

        Reply strategy = send("POST", "/session/" + s + "/element", "{\"using\":\"css selector\",\"value\":\"#x\"}");
        assertThat(strategy.status()).isEqualTo(400);
        assertThat(strategy.error()).isEqualTo("invalid selector");
    }

    @Test
    void findReturnsW3CAndLegacyKeysAndAttributesAsStrings() throws Exception {
        String s = newSession();
        Reply r = send("POST", "/session/" + s + "/element", "{\"using\":\"id\",\"value\":\"next\"}");
        String id = r.value().get("element-6066-11e4-a52e-4f735466cecf").asText();
        assertThat(r.value().get("ELEMENT").asText()).isEqualTo(id);
        String base = "/session/" + s + "/element/" + id;
        assertThat(send("GET", base + "/attribute/clickable", null).value().asText()).isEqualTo("true");
        assertThat(send("GET", base + "/attribute/bounds", null).value().asText()).matches("\\[\\d+,\\d+]\\[\\d+,\\d+]");
        assertThat(send("GET", base + "/attribute/class", null).value().asText()).isEqualTo("android.widget.Button");
        assertThat(send("GET", base + "/attribute/nonsense", null).value().isNull()).isTrue();
        assertThat(send("GET", base + "/selected", null).value().asBoolean()).isFalse();
        JsonNode rect = send("GET", base + "/rect", null).value();
        assertThat(rect.get("width").asInt()).isPositive();
        assertThat(send("GET", "/session/" + s + "/window/rect", null).value().get("height").asInt()).isEqualTo(800);

        Reply none = send("POST", "/session/" + s + "/elements", "{\"using\":\"id\",\"value\":\"nope\"}");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.value().isArray()).isTrue();
        assertThat(none.value()).isEmpty();
    }

    @Test
    void unknownElementIdIsNoSuchElement() throws Exception {
        String s = newSession();
        Reply r = send("GET", "/session/" + s + "/element/garbage/text", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).isEqualTo("no such element");
    }

    @Test
    void pressKeycodeEndpointAndShellWithStderr() throws Exception {
        String s = newSession();
        assertThat(send("POST", "/session/" + s + "/appium/device/press_keycode", "{\"keycode\":3}").status()).isEqualTo(200);
        assertThat(phone.keys).containsExactly(3);
        Reply shell = send("POST", "/session/" + s + "/execute/sync",
                "{\"script\":\"mobile: shell\",\"args\":[{\"command\":\"getprop\",\"args\":[\"ro.product.model\"],\"includeStderr\":true}]}");
        assertThat(shell.value().get("stdout").asText()).isEqualTo("CCX 600\n");
        assertThat(shell.value().get("stderr").asText()).isEmpty();
        Reply unknown = send("POST", "/session/" + s + "/execute/sync", "{\"script\":\"mobile: fly\",\"args\":[{}]}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).contains("mobile: shell");
    }

    @Test
    void timeoutsAreStored() throws Exception {
        String s = newSession();
        assertThat(send("POST", "/session/" + s + "/timeouts", "{\"implicit\":1500,\"script\":null}").status()).isEqualTo(200);
        JsonNode t = send("GET", "/session/" + s + "/timeouts", null).value();
        assertThat(t.get("implicit").asLong()).isEqualTo(1500);
        assertThat(t.get("script").isNull()).isTrue();
    }
}
