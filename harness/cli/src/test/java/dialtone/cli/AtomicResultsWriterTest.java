package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.core.failure.InfrastructureProblem;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testng.IRetryAnalyzer;
import org.testng.ITestResult;
import org.testng.TestNG;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;

/** Results reach the results directory whole, and each is labelled so the run plan can tell which test it finished. */
class AtomicResultsWriterTest {
    @TempDir
    Path reports;

    @Test
    void aResultAndAnAttachmentAppearInTheResultsOnlyWholeAndTheStagingIsLeftEmpty() throws Exception {
        Path results = reports.resolve("allure-results");
        AtomicResultsWriter writer = new AtomicResultsWriter(results);
        writer.write(new io.qameta.allure.model.TestResult().setUuid("u1").setName("t"));
        writer.write("a1-attachment.txt", new ByteArrayInputStream("evidence".getBytes()));

        assertThat(results.resolve("u1-result.json")).content().contains("\"name\":\"t\"");
        assertThat(results.resolve("a1-attachment.txt")).hasContent("evidence");
        try (var staged = Files.list(AtomicResultsWriter.staging(results))) {
            assertThat(staged).isEmpty();
        }
    }

    /** Fails with an infrastructure problem the first time, passes the second. */
    public static class FlakyOnce {
        static int runs;

        @org.testng.annotations.Test(retryAnalyzer = RetryOnce.class)
        public void flaky() {
            if (runs++ == 0) throw new InfrastructureProblem("adb gone");
        }
    }

    public static class RetryOnce implements IRetryAnalyzer {
        private int retries;

        @Override
        public boolean retry(ITestResult result) { return retries++ == 0; }
    }

    @Test
    void theAttemptTestNgRetriesIsLabelledRetriedSoOnlyTheFinalAttemptFinishesTheTest() {
        Path results = reports.resolve("allure-results");
        AllureLifecycle before = Allure.getLifecycle();
        try {
            Allure.setLifecycle(new AllureLifecycle(new AtomicResultsWriter(results)));
            XmlSuite suite = new XmlSuite();
            suite.setName("retry");
            XmlTest test = new XmlTest(suite);
            test.setName("retry");
            test.setXmlClasses(List.of(new XmlClass(FlakyOnce.class)));
            TestNG testng = new TestNG(false);
            testng.setXmlSuites(List.of(suite));
            testng.setUseDefaultListeners(false);
            testng.run();
        } finally {
            Allure.setLifecycle(before);
        }

        var written = new AllureResults(results).tests();
        assertThat(written).extracting(r -> r.path("status").asText() + " " + RunPlan.label(r, ResultLabels.RETRIED) + " " + RunPlan.label(r, ResultLabels.DEVICE))
                .containsExactlyInAnyOrder("skipped true -", "passed null -");
        assertThat(RunPlan.finishedKeys(results)).containsExactly(FlakyOnce.class.getName() + "#flaky @ -");
    }
}
