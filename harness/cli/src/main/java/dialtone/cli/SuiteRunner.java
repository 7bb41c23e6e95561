package dialtone.cli;

import dialtone.core.lab.Lab;
import dialtone.suites.FailureListener;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.ITestNGListener;
import org.testng.TestNG;
import org.testng.xml.internal.Parser;
import org.testng.xml.XmlSuite;

/** Runs one suite XML with TestNG, writing Allure results as each test ends, each file whole ({@link AtomicResultsWriter}). */
final class SuiteRunner {
    private SuiteRunner() {}

    static RunSummary run(Path suiteXml, Path allureResults, Lab lab, LiveProgress progress) {
        return run(suiteXml, Map.of(), allureResults, lab, progress);
    }

    /**
     * {@code parameters} go to every suite of the XML (those of {@code suite-files} too), over the
     * XML's own; {@code progress} hears every test's start and end and is told each stage (it may be OFF).
     */
    static RunSummary run(Path suiteXml, Map<String, String> parameters, Path allureResults, Lab lab, LiveProgress progress) {
        return run(suiteXml, parameters, allureResults, lab, progress, List.of());
    }

    /** {@code listeners}: more TestNG listeners for this run (e.g. {@link UnfinishedOnly} for a rerun). */
    static RunSummary run(Path suiteXml, Map<String, String> parameters, Path allureResults, Lab lab, LiveProgress progress,
                          List<ITestNGListener> listeners) {
        if (!Files.isRegularFile(suiteXml)) {
            throw new IllegalArgumentException("no suite file " + suiteXml);
        }
        missingSuiteFiles(suiteXml);
        List<XmlSuite> suites;
        try {
            suites = new Parser(suiteXml.toString()).parseToList();
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read suite " + suiteXml + ": " + e.getMessage(), e);
        }
        configure(suites, parameters, lab.devices().size());
        Allure.setLifecycle(new AllureLifecycle(new AtomicResultsWriter(allureResults)));
        if (allureResults.toAbsolutePath().getParent() != null) {
            lab.recordRecoveriesIn(allureResults.toAbsolutePath().getParent()); // recovery.jsonl next to allure-results/
        }
        RunSummary summary = new RunSummary();
        TestNG testng = new TestNG(false);
        testng.setXmlSuites(suites);
        testng.setUseDefaultListeners(false);
        testng.setVerbose(0);
        testng.addListener(new FailureListener());
        testng.addListener(summary);
        testng.addListener(progress);
        listeners.forEach(testng::addListener);
        testng.run();
        return summary;
    }

    /**
     * Gives every suite, the {@code suite-files} of a suite like the nightly's included (TestNG keeps
     * them as child suites, each with its own parameters), the run's {@code parameters} over its own
     * and a thread per phone (parallel="instances" needs one, or phones queue behind each other).
     */
    static void configure(List<XmlSuite> suites, Map<String, String> parameters, int phones) {
        for (XmlSuite s : suites) {
            s.setThreadCount(Math.max(s.getThreadCount(), phones));
            Map<String, String> merged = new LinkedHashMap<>(s.getParameters());
            merged.putAll(parameters);
            s.setParameters(merged);
            configure(s.getChildSuites(), parameters, phones);
        }
    }

    private static final Pattern SUITE_FILE = Pattern.compile("<suite-file\\s+path\\s*=\\s*\"([^\"]+)\"");

    /**
     * A suite-file that does not exist next to the suite XML is a harness error naming it (TestNG's
     * own message names a path relative to the working directory).
     */
    static void missingSuiteFiles(Path suiteXml) {
        String xml;
        try {
            xml = Files.readString(suiteXml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read suite " + suiteXml, e);
        }
        List<String> missing = new ArrayList<>();
        Matcher m = SUITE_FILE.matcher(xml);
        while (m.find()) {
            if (!Files.isRegularFile(suiteXml.toAbsolutePath().getParent().resolve(m.group(1)))) {
                missing.add(m.group(1));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(suiteXml + " names suite-file(s) that do not exist next to it: " + String.join(", ", missing));
        }
    }
}
