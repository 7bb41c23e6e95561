package dialtone.core.failure;

import static dialtone.core.failure.FailureCategory.ENVIRONMENT;
import static dialtone.core.failure.FailureCategory.INFRASTRUCTURE;
import static dialtone.core.failure.FailureCategory.PRODUCT_DEFECT;
import static dialtone.core.failure.FailureCategory.TEST_DEFECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.core.backend.BackendException;
import dialtone.core.phone.AdbException;
import dialtone.core.portal.PortalException;
import dialtone.core.screen.LocatorNotFoundException;
import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.profile.PhoneScreen;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.remote.UnreachableBrowserException;

class FailureClassifierTest {

    static Stream<Arguments> failures() {
        DeviceProfile ccx500 = DeviceProfiles.loadDirectory(Path.of("../../device-profiles")).get("poly-ccx500");
        return Stream.of(
                // infrastructure: ADB, Appium, lab network, the backend not answering
                Arguments.of(new AdbException("127.0.0.1:15601: ADB shell 'getprop' failed"), INFRASTRUCTURE, "ADB to the phone failed"),
                Arguments.of(new NoSuchSessionException("session 42 is gone"), INFRASTRUCTURE, "the Appium session was lost"),
                Arguments.of(new SessionNotCreatedException("phone busy"), INFRASTRUCTURE, "Appium could not create a session"),
                Arguments.of(new UnreachableBrowserException("no answer"), INFRASTRUCTURE, "the Appium server could not be reached"),
                Arguments.of(new TimeoutException("timeout: the UI did not answer"), INFRASTRUCTURE, "the Appium server timed out"),
                Arguments.of(new WebDriverException(new ConnectException("Connection refused")), INFRASTRUCTURE, "lab network: ConnectException"),
                Arguments.of(new UncheckedIOException(new SocketTimeoutException("read timed out")), INFRASTRUCTURE, "lab network: SocketTimeoutException read timed out"),
                Arguments.of(new BackendException("add MAC", 0, "unreachable", "ConnectException", new ConnectException("Connection refused")),
                        INFRASTRUCTURE, "the backend could not be reached"),
                Arguments.of(new BackendException("summary", 503, "http_503", "down for maintenance", null), INFRASTRUCTURE, "gateway answered 503"),
                // an infrastructure cause under any wrapper is still infrastructure
                Arguments.of(new ConditionTimeoutException("phone to boot", new AdbException("closed")), INFRASTRUCTURE, "ADB to the phone failed"),
                Arguments.of(new IllegalStateException("step failed", new ExecutionException(new NoSuchSessionException("gone"))),
                        INFRASTRUCTURE, "the Appium session was lost"),
                // environment and policy
                Arguments.of(new EnvironmentProblem("Intune enrolment blocked: the sign-in loops"), ENVIRONMENT, "Intune enrolment blocked"),
                Arguments.of(new BackendException("list devices", 401, "unauthorized", "bad token", null), ENVIRONMENT, "admin credentials"),
                Arguments.of(new BackendException("list devices", 403, "forbidden", "not an admin", null), ENVIRONMENT, "admin credentials"),
                // product defects
                Arguments.of(new AssertionError("expected: WAITING_FOR_SIGN_IN but was: WAITING_ON_ACTIVATION"), PRODUCT_DEFECT, "expected: WAITING_FOR_SIGN_IN"),
                Arguments.of(new org.opentest4j.AssertionFailedError("organization name"), PRODUCT_DEFECT, "organization name"),
                Arguments.of(new ProductDefect("the phone accepted a reused code"), PRODUCT_DEFECT, "reused code"),
                Arguments.of(new ConditionTimeoutException("Condition with alias 'home screen' didn't complete within 40 seconds"),
                        PRODUCT_DEFECT, "not reached in time: Condition with alias 'home screen'"),
                Arguments.of(new TimeoutException("Expected condition failed: waiting for the password page"), PRODUCT_DEFECT, "not reached in time"),
                Arguments.of(new BackendException("issue code", 500, "internal", "NullPointerException", null), PRODUCT_DEFECT, "the backend answered"),
                Arguments.of(new BackendException("add MAC", 422, "rejected", "invalid MAC", null), PRODUCT_DEFECT, "invalid MAC"),
                Arguments.of(new PortalException(PortalException.Step.CODE, "That code didn't work.", "code refused", null), PRODUCT_DEFECT, "code refused"),
                // test defects: the test or its data
                Arguments.of(new LocatorNotFoundException(ccx500, PhoneScreen.SIGN_IN, "settingsButton",
                        ccx500.locator(PhoneScreen.SIGN_IN, "settingsButton"), Duration.ofSeconds(3)), TEST_DEFECT, "device profile locator matched nothing: profile poly-ccx500"),
                Arguments.of(new NullPointerException("record is null"), TEST_DEFECT, "unexpected NullPointerException in the test: record is null"),
                Arguments.of(new StaleElementReferenceException("stale"), TEST_DEFECT, "StaleElementReferenceException"),
                Arguments.of(new NoSuchElementException("no such element"), TEST_DEFECT, "NoSuchElementException"),
                Arguments.of(new IllegalArgumentException(), TEST_DEFECT, "unexpected IllegalArgumentException in the test: IllegalArgumentException"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void classifiesByTypeAndCause(Throwable failure, FailureCategory expected, String reason) {
        Classification c = FailureClassifier.classify(failure);
        assertThat(c.category()).isEqualTo(expected);
        assertThat(c.reason()).contains(reason);
    }

    @Test
    void anExplicitCategoryWinsOverAnInfrastructureCause() {
        EnvironmentProblem loop = new EnvironmentProblem("MFA account cannot sign in a Common Area Phone", new AdbException("closed"));
        assertThat(FailureClassifier.classify(loop).category()).isEqualTo(ENVIRONMENT);
        ProductDefect defect = new ProductDefect("the phone rebooted during provisioning", new NoSuchSessionException("gone"));
        assertThat(FailureClassifier.classify(defect).category()).isEqualTo(PRODUCT_DEFECT);
        assertThat(FailureClassifier.classify(new RuntimeException("wrapped", new InfrastructureProblem("lease lost"))).category())
                .isEqualTo(INFRASTRUCTURE);
    }

    @Test
    void causeCyclesAndDeepChainsEnd() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b", a);
        a.initCause(b);
        assertThat(FailureClassifier.classify(a).category()).isEqualTo(TEST_DEFECT);

        Throwable deep = new AdbException("root");
        for (int i = 0; i < 100; i++) deep = new RuntimeException("level " + i, deep);
        assertThat(FailureClassifier.classify(deep).category()).as("only the outer 32 links are read").isEqualTo(TEST_DEFECT);
        assertThat(FailureClassifier.classify(null).category()).isEqualTo(TEST_DEFECT);
    }

    @Test
    void markingPutsTheCategoryTagIntoTheTraceOnce() {
        AdbException failure = new AdbException("127.0.0.1:15601: connection reset");
        Classification first = FailureClassifier.mark(failure);
        FailureClassifier.mark(failure);
        assertThat(failure.getSuppressed()).hasSize(1);
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).contains("Suppressed: dialtone.core.failure.FailureMarker: [dialtone:infrastructure] Infrastructure: ADB to the phone failed");
        assertThat(FailureClassifier.classify(failure)).isEqualTo(first);
    }

    @Test
    void aMarkedFailureKeepsItsFirstClassification() {
        RuntimeException failure = new RuntimeException("outer");
        FailureClassifier.mark(failure);
        failure.initCause(new AdbException("late cause"));
        assertThat(FailureClassifier.classify(failure).category()).isEqualTo(TEST_DEFECT);
    }

    @Test
    void everyCategoryHasItsOwnMarkerAndTitle() {
        assertThat(Stream.of(FailureCategory.values()).map(FailureCategory::marker)).doesNotHaveDuplicates()
                .contains("[dialtone:product-defect]", "[dialtone:infrastructure]", "[dialtone:environment]", "[dialtone:test-defect]", "[dialtone:not-applicable]");
        assertThat(Stream.of(FailureCategory.values()).map(FailureCategory::title)).doesNotHaveDuplicates();
        assertThat(Stream.of(FailureCategory.values()).filter(FailureCategory::retryable)).containsExactly(INFRASTRUCTURE);
        assertThatThrownBy(() -> new Classification(null, "x")).isInstanceOf(NullPointerException.class);
    }
}
