package dialtone.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dialtone.suites.RackDeviceTest;
import dialtone.suites.RackWide;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.testng.annotations.Test;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlInclude;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;
import org.testng.xml.internal.Parser;

/**
 * What a run set out to do, written before its first test starts ({@code reports/run/plan.json}):
 * the suite, the rack and the options of the run, and every planned test as test class, method
 * and device. A run that dies (SIGKILL, a crash, a power cut) leaves it next to the results of the
 * tests that finished, so {@code dialtone rerun} can run the others on the same rack with the same
 * options. {@code timeScale}, {@code soakCycles} and {@code profiles} (the device profiles directory) are null
 * when the run left them to their defaults.
 */
record RunPlan(String suite, String rack, List<String> models, Double timeScale, String browser,
               List<String> expectFirmware, Integer soakCycles, String profiles, String started, List<PlannedTest> tests) {
    static final String NO_DEVICE = "-";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One test method on one phone ({@link #NO_DEVICE} for a class that is no {@link RackDeviceTest}).
     * {@code rackWide}: its class is {@link RackWide}, so it is rerun on every phone or on none.
     */
    record PlannedTest(String testClass, String method, String device, boolean rackWide) {
        String key() { return key(testClass, method, device); }

        static String key(String testClass, String method, String device) {
            return testClass + "#" + method + " @ " + device;
        }
    }

    static Path file(Path reports) { return reports.resolve("run/plan.json"); }

    /** Writes the plan into the reports directory, whole or not at all. */
    void write(Path reports) {
        Path file = file(reports);
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".writing");
            JSON.writeValue(partial.toFile(), this);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run plan " + file, e);
        }
    }

    static RunPlan read(Path reports) {
        Path file = file(reports);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no run plan " + file + ": only a run started with `dialtone run SUITE` (--reports "
                    + reports + ") can be rerun");
        }
        try {
            return JSON.readValue(file.toFile(), RunPlan.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the run plan " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every test the suite XML (and its suite-files) will run on {@code devices}: each {@code @Test}
     * method of each class of each {@code <test>}, as the XML includes and excludes them, once per
     * device for a {@link RackDeviceTest}, once for any other class.
     */
    static List<PlannedTest> plannedTests(Path suiteXml, List<String> devices) {
        List<XmlSuite> roots;
        try {
            roots = new Parser(suiteXml.toString()).parseToList();
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read suite " + suiteXml + ": " + e.getMessage(), e);
        }
        List<PlannedTest> planned = new ArrayList<>();
        Set<XmlSuite> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (XmlSuite suite : roots) {
            addTests(suite, devices, planned, seen);
        }
        return planned;
    }

    private static void addTests(XmlSuite suite, List<String> devices, List<PlannedTest> planned, Set<XmlSuite> seen) {
        if (!seen.add(suite)) return;
        for (XmlTest test : suite.getTests()) {
            for (XmlClass xmlClass : test.getXmlClasses()) {
                Class<?> cls = xmlClass.getSupportClass();
                boolean perPhone = RackDeviceTest.class.isAssignableFrom(cls);
                boolean rackWide = cls.isAnnotationPresent(RackWide.class);
                for (String method : testMethods(xmlClass)) {
                    for (String device : perPhone ? devices : List.of(NO_DEVICE)) {
                        planned.add(new PlannedTest(cls.getName(), method, device, rackWide));
                    }
                }
            }
        }
        for (XmlSuite child : suite.getChildSuites()) {
            addTests(child, devices, planned, seen);
        }
    }

    private static List<String> testMethods(XmlClass xmlClass) {
        List<String> included = xmlClass.getIncludedMethods().stream().map(XmlInclude::getName).toList();
        List<String> excluded = xmlClass.getExcludedMethods();
        Set<String> names = new LinkedHashSet<>();
        for (Method m : xmlClass.getSupportClass().getMethods()) {
            Test t = m.getAnnotation(Test.class);
            if (t == null || !t.enabled()) continue;
            String name = m.getName();
            if (!included.isEmpty() && included.stream().noneMatch(name::matches)) continue;
            if (excluded.stream().anyMatch(name::matches)) continue;
            names.add(name);
        }
        return names.stream().sorted().toList();
    }

    /**
     * The planned tests with no finished result in {@code results}: lost to a killed run. A result
     * is finished unless it is an attempt TestNG ran again ({@link ResultLabels#RETRIED}): a test
     * whose run died between an infrastructure failure and its retry is unfinished. A
     * {@link RackWide} test unfinished on one phone is unfinished on all.
     */
    List<PlannedTest> unfinished(Path results) {
        Set<String> finished = finishedKeys(results);
        Set<String> rackWideUnfinished = new HashSet<>();
        for (PlannedTest t : tests) {
            if (t.rackWide() && !finished.contains(t.key())) rackWideUnfinished.add(t.testClass() + "#" + t.method());
        }
        return tests.stream().filter(t -> !finished.contains(t.key())
                || (t.rackWide() && rackWideUnfinished.contains(t.testClass() + "#" + t.method()))).toList();
    }

    /** Planned tests without any finished result on disk (a rack-wide test finished on some phones counts only where it is not). */
    long lost(Path results) {
        Set<String> finished = finishedKeys(results);
        return tests.stream().filter(t -> !finished.contains(t.key())).count();
    }

    /** The keys ({@link PlannedTest#key()}) of the finished results in {@code results}. */
    static Set<String> finishedKeys(Path results) {
        Set<String> keys = new HashSet<>();
        for (JsonNode r : wholeResults(results)) {
            if (!retried(r)) keyOf(r).ifPresent(keys::add);
        }
        return keys;
    }

    /** The results in {@code results} that are whole JSON (a half-written one is no result). */
    static List<JsonNode> wholeResults(Path results) {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isDirectory(results)) return out;
        try (Stream<Path> files = Files.list(results)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).sorted(Comparator.naturalOrder()).toList()) {
                try {
                    out.add(JSON.readTree(f.toFile()));
                } catch (IOException e) {
                    // not a whole result: the test did not finish
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the results in " + results, e);
        }
        return out;
    }

    /** The plan key of a result ({@link ResultLabels} labelled it with its device), if it has one. */
    static Optional<String> keyOf(JsonNode result) {
        String device = label(result, ResultLabels.DEVICE);
        String fullName = result.path("fullName").asText("");
        int dot = fullName.lastIndexOf('.');
        if (device == null || dot < 0) return Optional.empty();
        return Optional.of(PlannedTest.key(fullName.substring(0, dot), fullName.substring(dot + 1), device));
    }

    /** An attempt TestNG ran again: it does not finish its test. */
    static boolean retried(JsonNode result) {
        return "true".equals(label(result, ResultLabels.RETRIED));
    }

    static String label(JsonNode result, String name) {
        for (JsonNode l : result.path("labels")) {
            if (l.path("name").asText().equals(name)) return l.path("value").asText();
        }
        return null;
    }

    /** The keys of {@code tests}, for {@link UnfinishedOnly}. */
    static Set<String> keys(List<PlannedTest> tests) {
        Set<String> keys = new HashSet<>();
        tests.forEach(t -> keys.add(t.key()));
        return keys;
    }
}
