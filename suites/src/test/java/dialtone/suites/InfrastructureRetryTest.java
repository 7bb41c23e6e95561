package dialtone.suites;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.core.failure.EnvironmentProblem;
import dialtone.core.phone.AdbException;
import io.qameta.allure.Allure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testng.ITestResult;
import org.testng.annotations.Factory;
import org.testng.annotations.Listeners;

/** Infrastructure failures get one more attempt after recovery; nothing else is retried. */
class InfrastructureRetryTest {
    @TempDir
    Path results;

    /** Two instances (like two rack phones): each loses ADB on its first attempt of one test. */
    @Listeners(FailureListener.class)
    public static class Phones implements InfrastructureRetry.Recoverable {
        static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        static final Map<String, AtomicInteger> recoveries = new ConcurrentHashMap<>();
        static final List<String> lastAttempts = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final String device;

        @Factory
        public static Object[] phones() {
            return new Object[] {new Phones("phone-a"), new Phones("phone-b")};
        }

        public Phones(String device) {
            this.device = device;
        }

        private int attempt(String test) {
            String key = device + "/" + test;
            Allure.getLifecycle().updateTestCase(tc -> tc.setHistoryId(key));
            return attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public boolean recoverForRetry() {
            recoveries.computeIfAbsent(device, k -> new AtomicInteger()).incrementAndGet();
            return true;
        }

        @Override
        public void noMoreAttempts(Throwable why) {
            lastAttempts.add(device + ": " + why.getMessage());
        }

        @org.testng.annotations.Test
        public void adbDropsOnce() {
            if (attempt("adbDropsOnce") == 1) throw new AdbException(device + ": connection reset by peer");
        }

        @org.testng.annotations.Test
        public void adbAlwaysDown() {
            attempt("adbAlwaysDown");
            throw new AdbException(device + ": connection refused");
        }

        @org.testng.annotations.Test
        public void productDefect() {
            attempt("productDefect");
            throw new AssertionError("the phone kept the old organization name");
        }

        @org.testng.annotations.Test
        public void policyProblem() {
            attempt("policyProblem");
            throw new EnvironmentProblem("Intune enrolment blocked: sign-in loops");
        }
    }

    @Test
    void anInfrastructureFailureIsRetriedOnceAfterRecoveryAndNothingElseIs() {
        Phones.attempts.clear();
        Phones.recoveries.clear();
        Phones.lastAttempts.clear();
        InProcessRun run = InProcessRun.of(results, Phones.class);

        for (String device : List.of("phone-a", "phone-b")) {
            assertThat(Phones.attempts.get(device + "/adbDropsOnce")).hasValue(2);
            assertThat(Phones.attempts.get(device + "/adbAlwaysDown")).as("at most one retry").hasValue(2);
            assertThat(Phones.attempts.get(device + "/productDefect")).as("a product defect is not retried").hasValue(1);
            assertThat(Phones.attempts.get(device + "/policyProblem")).as("a policy problem is not retried").hasValue(1);
            assertThat(Phones.recoveries.get(device)).as("recovered before each retry").hasValue(2);
        }
        assertThat(Phones.lastAttempts).as("told of each last failure, not of one that is retried").containsExactlyInAnyOrder(
                "phone-a: phone-a: connection refused", "phone-b: phone-b: connection refused",
                "phone-a: the phone kept the old organization name", "phone-b: the phone kept the old organization name",
                "phone-a: Intune enrolment blocked: sign-in loops", "phone-b: Intune enrolment blocked: sign-in loops");
        assertThat(run.of("adbDropsOnce")).extracting(ITestResult::getStatus)
                .containsExactlyInAnyOrder(ITestResult.SKIP, ITestResult.SKIP, ITestResult.SUCCESS, ITestResult.SUCCESS);
        assertThat(run.of("adbDropsOnce")).filteredOn(r -> r.getStatus() == ITestResult.SKIP).allMatch(ITestResult::wasRetried);
        assertThat(run.of("adbAlwaysDown")).extracting(ITestResult::getStatus)
                .containsExactlyInAnyOrder(ITestResult.SKIP, ITestResult.SKIP, ITestResult.FAILURE, ITestResult.FAILURE);
        assertThat(run.of("productDefect")).extracting(ITestResult::getStatus).containsExactly(ITestResult.FAILURE, ITestResult.FAILURE);

        // Allure: the first attempt is a result of the same history id as the passing one, i.e. a retry of it
        List<JsonNode> dropped = run.allure("adbDropsOnce");
        assertThat(dropped).hasSize(4);
        for (String device : List.of("phone-a", "phone-b")) {
            List<JsonNode> attempts = dropped.stream().filter(n -> n.path("historyId").asText().equals(device + "/adbDropsOnce")).toList();
            assertThat(attempts).extracting(n -> n.path("status").asText()).containsExactly("skipped", "passed");
            assertThat(attempts.get(0).path("statusDetails").path("trace").asText()).contains("[dialtone:infrastructure] Infrastructure: ADB to the phone failed");
        }
        assertThat(run.allure("productDefect")).extracting(n -> n.path("status").asText()).containsOnly("failed");
        assertThat(run.allure("productDefect")).allSatisfy(n -> assertThat(n.path("statusDetails").path("trace").asText())
                .contains("[dialtone:product-defect] Product defects: the phone kept the old organization name"));
        assertThat(run.allure("policyProblem")).allSatisfy(n -> assertThat(n.path("statusDetails").path("trace").asText())
                .contains("[dialtone:environment]"));
        assertThat(run.allure("adbAlwaysDown")).extracting(n -> n.path("status").asText()).containsOnly("skipped", "broken");
    }
}
