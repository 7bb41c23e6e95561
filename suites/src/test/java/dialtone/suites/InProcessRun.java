package dialtone.suites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.testng.ITestListener;
import org.testng.ITestResult;
import org.testng.TestNG;

/** Runs TestNG classes in this JVM, writing Allure results to {@code results}, and keeps every TestNG result. */
public final class InProcessRun implements ITestListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    final List<ITestResult> results = Collections.synchronizedList(new ArrayList<>());
    final Path allureResults;

    private InProcessRun(Path allureResults) {
        this.allureResults = allureResults;
    }

    public static InProcessRun of(Path allureResults, Class<?>... classes) {
        return of(allureResults, false, classes);
    }

    /** As {@link #of(Path, Class[])}, with TestNG driving the classes' instances (one per phone) at once, as a run does. */
    public static InProcessRun ofInstancesInParallel(Path allureResults, Class<?>... classes) {
        return of(allureResults, true, classes);
    }

    private static synchronized InProcessRun of(Path allureResults, boolean parallelInstances, Class<?>... classes) {
        InProcessRun run = new InProcessRun(allureResults);
        AllureLifecycle previous = Allure.getLifecycle();
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(allureResults)));
        try {
            TestNG testng = new TestNG(false);
            testng.setTestClasses(classes);
            if (parallelInstances) {
                testng.setParallel(org.testng.xml.XmlSuite.ParallelMode.INSTANCES);
                testng.setThreadCount(8);
            }
            testng.setUseDefaultListeners(false);
            testng.setVerbose(0);
            testng.addListener(run);
            testng.run();
        } finally {
            Allure.setLifecycle(previous);
        }
        return run;
    }

    /** Runs only {@code method} of {@code type} (its other tests are left out). */
    static synchronized InProcessRun ofMethod(Path allureResults, Class<?> type, String method) {
        InProcessRun run = new InProcessRun(allureResults);
        AllureLifecycle previous = Allure.getLifecycle();
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(allureResults)));
        try {
            org.testng.xml.XmlSuite suite = new org.testng.xml.XmlSuite();
            suite.setName("in-process");
            org.testng.xml.XmlTest test = new org.testng.xml.XmlTest(suite);
            test.setName(method);
            org.testng.xml.XmlClass xmlClass = new org.testng.xml.XmlClass(type);
            xmlClass.getIncludedMethods().add(new org.testng.xml.XmlInclude(method));
            test.getXmlClasses().add(xmlClass);
            TestNG testng = new TestNG(false);
            testng.setXmlSuites(List.of(suite));
            testng.setUseDefaultListeners(false);
            testng.setVerbose(0);
            testng.addListener(run);
            testng.run();
        } finally {
            Allure.setLifecycle(previous);
        }
        return run;
    }

    @Override public void onTestSuccess(ITestResult r) { results.add(r); }
    @Override public void onTestFailure(ITestResult r) { results.add(r); }
    @Override public void onTestSkipped(ITestResult r) { results.add(r); }

    public List<ITestResult> of(String method) {
        synchronized (results) {
            return results.stream().filter(r -> r.getMethod().getMethodName().equals(method)).toList();
        }
    }

    /** Allure test results of a method, oldest first. */
    List<JsonNode> allure(String method) {
        try (Stream<Path> files = Files.list(allureResults)) {
            List<JsonNode> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                JsonNode n = JSON.readTree(f.toFile());
                if (n.path("fullName").asText().endsWith("." + method)) out.add(n);
            }
            out.sort((a, b) -> Long.compare(a.path("start").asLong(), b.path("start").asLong()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
