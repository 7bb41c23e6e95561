package dialtone.simulator.appium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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
                + "\"firstMatch\":[{\"appium:udid\":\"" + UDID + "\",\"appium:app\":null}]}}");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
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

    private String newSession(String extraCapabilities) throws Exception {
        Reply r = send("POST", "/session", "{\"capabilities\":{\"alwaysMatch\":{\"platformName\":\"Android\"" + extraCapabilities + "},"
                + "\"firstMatch\":[{\"appium:udid\":\"" + UDID + "\"}]}}");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.value().get("sessionId").asText();
    }

    private String elementId(String session, String resourceId) throws Exception {
        Reply r = send("POST", "/session/" + session + "/element", "{\"using\":\"id\",\"value\":\"" + resourceId + "\"}");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.value().get("element-6066-11e4-a52e-4f735466cecf").asText();
    }

    private static void assertError(Reply r, int status, String error, String messagePart) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.error()).isEqualTo(error);
        assertThat(r.message()).contains(messagePart);
        assertThat(r.value().has("stacktrace")).isTrue();
    }

    @Test
    void aSecondSessionOnABusyPhoneIsSessionNotCreated() throws Exception {
        String first = newSession();
        Reply second = send("POST", "/session", "{\"capabilities\":{\"firstMatch\":[{\"appium:udid\":\"" + UDID + "\"}]}}");
        assertError(second, 500, "session not created", "'" + UDID + "' is busy with another session");
        assertThat(second.message()).as("another client's session id is not given away").doesNotContain(first);
        assertThat(send("GET", "/session/" + first + "/source", null).status()).isEqualTo(200);

        send("DELETE", "/session/" + first, null);
        assertThat(send("GET", "/session/" + newSession() + "/source", null).status()).isEqualTo(200);
    }

    @Test
    void newCommandTimeoutEndsAnIdleSessionAndIsEchoed() throws Exception {
        Reply r = send("POST", "/session", "{\"capabilities\":{\"firstMatch\":[{\"appium:udid\":\"" + UDID
                + "\",\"appium:newCommandTimeout\":1}]}}");
        assertThat(r.value().get("capabilities").get("appium:newCommandTimeout").asInt()).isEqualTo(1);
        String s = r.value().get("sessionId").asText();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessionCount() == 0);
        assertError(send("GET", "/session/" + s + "/source", null), 404, "invalid session id", "newCommandTimeout");
        assertThat(send("GET", "/session/" + newSession() + "/source", null).status()).isEqualTo(200);
    }

    @Test
    void zeroNewCommandTimeoutNeverEndsTheSessionAndBadValuesAreRefused() throws Exception {
        String s = newSession(",\"appium:newCommandTimeout\":0");
        assertThat(send("GET", "/session/" + s, null).value().get("appium:newCommandTimeout").asInt()).isZero();
        send("DELETE", "/session/" + s, null);
        for (String bad : List.of("-1", "1.5", "\"60\"")) {
            assertError(send("POST", "/session", "{\"capabilities\":{\"firstMatch\":[{\"appium:udid\":\"" + UDID
                    + "\",\"appium:newCommandTimeout\":" + bad + "}]}}"), 500, "session not created", "appium:newCommandTimeout");
        }
        assertThat(server.sessionCount()).isZero();
    }

    // ---- every W3C error of PROTOCOLS.md, with its HTTP status ---------------------------------

    @Test
    void error404NoSuchElementStaleElementInvalidSessionUnknownCommand() throws Exception {
        String s = newSession();
        assertError(send("POST", "/session/" + s + "/element", "{\"using\":\"id\",\"value\":\"nope\"}"),
                404, "no such element", FakePhone.PKG + ":id/nope");
        String next = elementId(s, "next");
        send("POST", "/session/" + s + "/element/" + next + "/click", "{}");
        assertError(send("GET", "/session/" + s + "/element/" + next + "/text", null), 404, "stale element reference", next);
        assertError(send("GET", "/session/gone/source", null), 404, "invalid session id", "'gone'");
        assertError(send("GET", "/session/" + s + "/no-such-thing", null), 404, "unknown command", "no-such-thing");
    }

    @Test
    void error405UnknownMethod() throws Exception {
        assertError(send("PUT", "/session", "{}"), 405, "unknown method", "accepts POST");
    }

    @Test
    void error400InvalidArgumentInvalidSelectorInvalidElementStateElementNotInteractable() throws Exception {
        String s = newSession();
        assertError(send("POST", "/session/" + s + "/timeouts", "{\"implicit\":-1}"), 400, "invalid argument", "implicit");
        assertError(send("POST", "/session/" + s + "/element", "{\"using\":\"-android uiautomator\",\"value\":\"new UiSelector(\"}"),
                400, "invalid selector", "position 15");
        assertError(send("POST", "/session/" + s + "/element/" + elementId(s, "org_name") + "/clear", "{}"),
                400, "invalid element state", "not an editable text field");
        assertError(send("POST", "/session/" + s + "/element/" + elementId(s, "sso") + "/click", "{}"),
                400, "element not interactable", "disabled");
        assertError(send("POST", "/session/" + s + "/element/" + elementId(s, "help") + "/click", "{}"),
                400, "element not interactable", "not displayed");
        assertError(send("POST", "/session/" + s + "/element/" + elementId(s, "next") + "/value", "{\"text\":\"x\"}"),
                400, "element not interactable", "not a text field");
        assertThat(phone.screenName()).isEqualTo("signin");
    }

    @Test
    void error500SessionNotCreatedUnknownErrorTimeout() throws Exception {
        assertError(send("POST", "/session", "{\"capabilities\":{\"firstMatch\":[{\"appium:udid\":\"10.0.0.9:5555\"}]}}"),
                500, "session not created", "10.0.0.9:5555");

        String s = newSession(",\"appium:uiautomator2ServerReadTimeout\":200");
        Reply failed = send("POST", "/session/" + s + "/execute/sync", "{\"script\":\"mobile: shell\",\"args\":[{\"command\":\"explode\"}]}");
        assertError(failed, 500, "unknown error", "IllegalStateException");
        assertThat(failed.body().toString()).as("the exception's message stays in the log").doesNotContain(FakePhone.SECRET);
        assertThat(failed.value().get("stacktrace").asText()).contains("at dialtone.simulator.appium.FakePhone.shell");

        phone.freeze(true);
        assertError(send("GET", "/session/" + s + "/source", null), 500, "timeout", "did not answer within 200 ms");
        phone.freeze(false);
        assertThat(send("GET", "/session/" + s + "/source", null).status()).isEqualTo(200);
    }

    // ---- timeouts and actions: validation -------------------------------------------------------

    @Test
    void timeoutsMustBeNonNegativeIntegersAndImplicitAndPageLoadNotNull() throws Exception {
        String s = newSession();
        for (String bad : List.of("{\"implicit\":null}", "{\"pageLoad\":null}", "{\"implicit\":-5}", "{\"script\":1.5}",
                "{\"pageLoad\":\"1000\"}", "{\"implicit\":9007199254740992}")) {
            assertError(send("POST", "/session/" + s + "/timeouts", bad), 400, "invalid argument", "'");
        }
        assertThat(send("POST", "/session/" + s + "/timeouts", "{\"implicit\":0,\"pageLoad\":1000,\"script\":2000}").status())
                .isEqualTo(200);
        JsonNode t = send("GET", "/session/" + s + "/timeouts", null).value();
        assertThat(t.get("implicit").asLong()).isZero();
        assertThat(t.get("pageLoad").asLong()).isEqualTo(1000);
        assertThat(t.get("script").asLong()).isEqualTo(2000);
    }

    @Test
    void malformedActionsAreInvalidArgumentsNamingTheField() throws Exception {
        String s = newSession();
        String path = "/session/" + s + "/actions";
        String tap = "{\"type\":\"pointer\",\"id\":\"f\",\"parameters\":{\"pointerType\":\"touch\"},\"actions\":[%s]}";
        assertError(send("POST", path, "{}"), 400, "invalid argument", "'actions'");
        assertError(send("POST", path, "{\"actions\":[{\"type\":\"laser\",\"id\":\"x\",\"actions\":[]}]}"),
                400, "invalid argument", "actions[0].type");
        assertError(send("POST", path, "{\"actions\":[{\"type\":\"pointer\",\"actions\":[]}]}"), 400, "invalid argument", "actions[0].id");
        assertError(send("POST", path, "{\"actions\":[{\"type\":\"pointer\",\"id\":\"f\",\"parameters\":{\"pointerType\":\"finger\"},\"actions\":[]}]}"),
                400, "invalid argument", "actions[0].parameters.pointerType");
        assertError(send("POST", path, "{\"actions\":[" + tap.formatted("{\"type\":\"pointerMove\",\"x\":1,\"y\":1},{\"type\":\"pointerDown\"}") + "]}"),
                400, "invalid argument", "actions[0].actions[1].button");
        assertError(send("POST", path, "{\"actions\":[" + tap.formatted("{\"type\":\"pause\",\"duration\":-3}") + "]}"),
                400, "invalid argument", "actions[0].actions[0].duration");
        assertError(send("POST", path, "{\"actions\":[" + tap.formatted("{\"type\":\"pointerMove\",\"origin\":\"screen\",\"x\":1,\"y\":1}") + "]}"),
                400, "invalid argument", "actions[0].actions[0].origin");
        assertError(send("POST", path, "{\"actions\":[" + tap.formatted("{\"type\":\"pointerMove\",\"x\":\"ten\",\"y\":1}") + "]}"),
                400, "invalid argument", "actions[0].actions[0].x");
        assertError(send("POST", path, "{\"actions\":[" + tap.formatted("{\"type\":\"keyDown\",\"value\":\"5\"}") + "]}"),
                400, "invalid argument", "actions[0].actions[0].type");
        assertError(send("POST", path, "{\"actions\":[{\"type\":\"key\",\"id\":\"k\",\"actions\":[{\"type\":\"keyDown\",\"value\":\"55\"}]}]}"),
                400, "invalid argument", "actions[0].actions[0].value");
        assertError(send("POST", path, "{\"actions\":[" + tap.formatted("{\"type\":\"pointerMove\",\"x\":5000,\"y\":1}") + "]}"),
                500, "move target out of bounds", "outside the 1280x800 screen");
        assertThat(phone.screenName()).isEqualTo("signin");
    }

    @Test
    void aTapActionAndReleasingActions() throws Exception {
        String s = newSession();
        JsonNode rect = send("GET", "/session/" + s + "/element/" + elementId(s, "next") + "/rect", null).value();
        int x = rect.get("x").asInt() + rect.get("width").asInt() / 2;
        int y = rect.get("y").asInt() + rect.get("height").asInt() / 2;
        Reply r = send("POST", "/session/" + s + "/actions", "{\"actions\":[{\"type\":\"pointer\",\"id\":\"f\","
                + "\"parameters\":{\"pointerType\":\"touch\"},\"actions\":[{\"type\":\"pointerMove\",\"duration\":0,"
                + "\"origin\":\"viewport\",\"x\":" + x + ",\"y\":" + y + "},{\"type\":\"pointerDown\",\"button\":0},"
                + "{\"type\":\"pointerUp\",\"button\":0}]}]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.value().isNull()).isTrue();
        assertThat(phone.screenName()).isEqualTo("provision");
        Reply release = send("DELETE", "/session/" + s + "/actions", null);
        assertThat(release.status()).isEqualTo(200);
        assertThat(release.value().isNull()).isTrue();
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
