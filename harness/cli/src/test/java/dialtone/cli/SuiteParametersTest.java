package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.suites.soak.SoakTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testng.xml.XmlSuite;
import org.testng.xml.internal.Parser;

/** The run's options reach every suite of a suite of suites, as they do a single suite. */
class SuiteParametersTest {
    @Test
    void soakCyclesAndThreadsReachTheSuitesTheNightlyIncludes() throws Exception {
        List<XmlSuite> suites = new Parser(Workspace.current().suite("nightly").toString()).parseToList();

        SuiteRunner.configure(suites, Map.of(SoakTest.CYCLES, "1"), 20);

        List<XmlSuite> all = new ArrayList<>();
        collect(suites, all);
        XmlSuite soak = all.stream().filter(s -> s.getName().equals("soak")).findFirst().orElseThrow();
        assertThat(soak.getParameter(SoakTest.CYCLES)).isEqualTo("1");
        assertThat(soak.getTests()).allSatisfy(t -> assertThat(t.getParameter(SoakTest.CYCLES)).isEqualTo("1"));
        assertThat(all).extracting(XmlSuite::getName).contains("nightly", "smoke", "provisioning", "firmware", "soak");
        assertThat(all).allSatisfy(s -> assertThat(s.getThreadCount()).as(s.getName()).isGreaterThanOrEqualTo(20));
    }

    private static void collect(List<XmlSuite> suites, List<XmlSuite> into) {
        for (XmlSuite s : suites) {
            into.add(s);
            collect(s.getChildSuites(), into);
        }
    }
}
