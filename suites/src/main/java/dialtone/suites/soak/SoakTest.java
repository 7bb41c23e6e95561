package dialtone.suites.soak;

import dialtone.core.failure.Classification;
import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import dialtone.core.failure.ProductDefect;
import dialtone.suites.RackDeviceTest;
import dialtone.suites.smoke.RemoteProvisioningFlow;
import io.qameta.allure.Allure;
import io.qameta.allure.util.ResultsUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Factory;
import org.testng.annotations.Optional;
import org.testng.annotations.Parameters;
import org.testng.annotations.Test;

/**
 * Soak: the smoke flow (factory reset, provision, remote sign-in) N times in a row on every phone,
 * N the TestNG parameter {@value #CYCLES} ({@code --soak-cycles}). Each cycle is an Allure step
 * named with its number and duration; a failure names the cycle it happened in and keeps its
 * category (a product defect stays one, ADB trouble stays infrastructure).
 */
public class SoakTest extends RackDeviceTest {
    public static final String CYCLES = "soakCycles";
    public static final int DEFAULT_CYCLES = 3;

    @Factory(dataProvider = RACK_PHONES, dataProviderClass = RackDeviceTest.class)
    public SoakTest(String deviceId) {
        super(deviceId);
    }

    @Test(description = "N provision / sign-in / reset cycles in a row")
    @Parameters(CYCLES)
    public void provisionSignInResetCycles(@Optional("" + DEFAULT_CYCLES) String cycles) {
        int n = cycles(cycles);
        describe("Soak: " + n + " provisioning cycles", "Soak",
                "Factory reset, provision, remote sign-in, again and again on the same phone");
        Allure.parameter("cycles", n);
        List<Duration> durations = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            durations.add(cycle(i, n));
        }
        Allure.addAttachment("Soak cycle durations — " + deviceId(), "text/plain", durationTable(durations));
    }

    /** Parses the cycle count; anything but a positive whole number is a harness error. */
    public static int cycles(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("soak cycles must be a whole number >= 1, got '" + value + "'");
    }

    private Duration cycle(int cycle, int of) {
        String name = "Cycle " + cycle + " of " + of;
        long start = System.nanoTime();
        Allure.step(name, () -> {
            try {
                new RemoteProvisioningFlow(lab, phone, evidence).run();
            } catch (Throwable t) {
                throw cycleFailure(cycle, of, deviceId(), t);
            } finally {
                String took = seconds(Duration.ofNanos(System.nanoTime() - start));
                Allure.getLifecycle().updateStep(s -> {
                    s.setName(name + " (" + took + ")");
                    s.getParameters().add(ResultsUtils.createParameter("duration", took));
                });
            }
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The failure, named with its cycle, in the category of what went wrong. */
    static Throwable cycleFailure(int cycle, int of, String deviceId, Throwable t) {
        Classification c = FailureClassifier.classify(t);
        String message = "Soak cycle " + cycle + " of " + of + " on " + deviceId + " failed: " + c.reason();
        return c.category() == FailureCategory.PRODUCT_DEFECT
                ? new ProductDefect(message, t)
                : new SoakCycleFailure(message, t); // the cause keeps the category: classification reads the chain
    }

    private static String durationTable(List<Duration> durations) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < durations.size(); i++) {
            s.append("cycle ").append(i + 1).append(": ").append(seconds(durations.get(i))).append('\n');
        }
        return s.toString();
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** A cycle failed with something other than a product defect; its cause says which kind. */
    static final class SoakCycleFailure extends RuntimeException {
        SoakCycleFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
