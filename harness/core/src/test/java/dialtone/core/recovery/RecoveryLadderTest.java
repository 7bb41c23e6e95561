package dialtone.core.recovery;

import static dialtone.model.profile.Recovery.Rung.FACTORY_RESET;
import static dialtone.model.profile.Recovery.Rung.NEW_APPIUM_SESSION;
import static dialtone.model.profile.Recovery.Rung.POWER_CYCLE;
import static dialtone.model.profile.Recovery.Rung.REBOOT;
import static dialtone.model.profile.Recovery.Rung.RECONNECT_ADB;
import static dialtone.model.profile.Recovery.Rung.RESTART_APP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.core.VirtualLab;
import dialtone.core.backend.AdminClient;
import dialtone.core.evidence.Evidence;
import dialtone.core.flows.ProvisioningFlow;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.PhoneLost;
import dialtone.core.phone.Phone;
import dialtone.core.power.PowerControl;
import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.Recovery;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.phone.PhoneState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rung of the recovery ladder proven necessary and sufficient: a virtual phone with the fault
 * only that rung clears is recovered at exactly that rung, after every lower rung was tried and
 * failed; all through the real clients (dadb, AndroidDriver) of core's Phone. Budgets are short
 * and the rack runs at time scale 0.01.
 */
class RecoveryLadderTest {
    /**
     * One attempt per rung, each long enough to have worked (at this time scale a rung that helps
     * brings the phone back in well under a second, a reboot in about one), so a failed rung failed
     * because it cannot clear the fault; the rung expected to work gets a generous budget.
     */
    static Recovery budgetsRecoveringAt(Recovery.Rung expected) {
        Recovery r = new Recovery(Map.of(
                RECONNECT_ADB, new Recovery.Step(1, Duration.ofSeconds(1)),
                NEW_APPIUM_SESSION, new Recovery.Step(1, Duration.ofSeconds(1)),
                RESTART_APP, new Recovery.Step(1, Duration.ofSeconds(1)),
                REBOOT, new Recovery.Step(1, Duration.ofMillis(2500)),
                POWER_CYCLE, new Recovery.Step(1, Duration.ofMillis(2500)),
                FACTORY_RESET, new Recovery.Step(1, Duration.ofMillis(2500))), Duration.ofMillis(100), Duration.ofSeconds(2));
        return expected == null ? r : r.with(expected, new Recovery.Step(1, Duration.ofSeconds(20)));
    }

    static VirtualLab lab;
    private final List<Phone> phones = new ArrayList<>();

    @TempDir
    Path reports;

    @BeforeAll
    static void startRack() {
        lab = VirtualLab.start(9, new TimeScale(0.01));
    }

    @AfterAll
    static void stopRack() {
        lab.close();
    }

    @AfterEach
    void closePhones() {
        phones.forEach(Phone::close);
    }

    private Phone phone(String id, Recovery.Rung expected) {
        DeviceProfile profile = lab.profile(id).withRecovery(budgetsRecoveringAt(expected));
        Phone phone = new Phone(lab.inventory.device(id), profile, urlOf());
        phones.add(phone);
        phone.driver(); // a test's session, open when the fault hits
        assertThat(PhoneHealth.problem(phone)).as("healthy before the fault").isEmpty();
        return phone;
    }

    private static java.net.URL urlOf() {
        try {
            return new java.net.URL(lab.rack.appiumUrl());
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private RecoveryLadder ladder(Phone phone, boolean withPower) {
        Optional<PowerControl> power = withPower ? PowerControl.of(phone.device(), Optional.of(lab.control()), Map.of()) : Optional.empty();
        return new RecoveryLadder(phone, power, RecoveryLog.in(reports));
    }

    private RecoveryOutcome injectAndRecover(String id, String fault, Recovery.Rung expected) {
        Phone phone = phone(id, expected);
        lab.inject(id, fault);
        RecoveryOutcome outcome = ladder(phone, true).recover("test fault " + fault);
        assertThat(PhoneHealth.problem(phone)).as("usable after the climb").isEmpty();
        return outcome;
    }

    private static void recoveredAtExactly(RecoveryOutcome outcome, Recovery.Rung rung) {
        assertThat(outcome.recovered()).isTrue();
        assertThat(outcome.recoveredAt()).contains(rung);
        List<Recovery.Rung> lower = java.util.Arrays.stream(Recovery.Rung.values()).filter(r -> r.ordinal() <= rung.ordinal()).toList();
        assertThat(outcome.rungsTried()).as("every lower rung tried once, then this one").containsExactlyElementsOf(lower);
        assertThat(outcome.attempts().subList(0, lower.size() - 1)).as("the lower rungs did not help")
                .allSatisfy(a -> assertThat(a.problem()).isPresent());
    }

    @Test
    void droppedAdbIsRecoveredByReconnectingAdb() {
        recoveredAtExactly(injectAndRecover("phone-1", "{\"type\":\"dropAdb\"}", RECONNECT_ADB), RECONNECT_ADB);
    }

    @Test
    void aKilledAppiumSessionNeedsANewSession() {
        RecoveryOutcome o = injectAndRecover("phone-2", "{\"type\":\"killAppiumSession\"}", NEW_APPIUM_SESSION);
        recoveredAtExactly(o, NEW_APPIUM_SESSION);
        assertThat(o.attempts().get(0).problem().orElseThrow()).contains("Appium session does not answer");
    }

    @Test
    void aHungTeamsAppNeedsAnAppRestart() {
        RecoveryOutcome o = injectAndRecover("phone-3", "{\"type\":\"teamsAppHung\"}", RESTART_APP);
        recoveredAtExactly(o, RESTART_APP);
        assertThat(o.attempts().get(1).problem().orElseThrow()).contains("shows none of its screens");
    }

    @Test
    void aHungSystemNeedsAReboot() {
        recoveredAtExactly(injectAndRecover("phone-4", "{\"type\":\"systemHung\"}", REBOOT), REBOOT);
    }

    @Test
    void aWedgedPhoneNeedsAPowerCycleAndEveryAttemptIsRecorded() throws IOException {
        RecoveryOutcome o = injectAndRecover("phone-5", "{\"type\":\"wedged\"}", POWER_CYCLE);
        recoveredAtExactly(o, POWER_CYCLE);
        assertThat(o.attempts().get(0).problem().orElseThrow()).contains("ADB does not answer");
        assertThat(o.attempts().get(3).problem().orElseThrow()).as("reboot could not even be asked for").contains("action failed");

        List<String> lines = Files.readAllLines(reports.resolve(RecoveryLog.FILE_NAME));
        assertThat(lines).hasSize(5);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> entries = new ArrayList<>();
        for (String l : lines) entries.add(json.readTree(l));
        assertThat(entries).extracting(e -> e.path("rung").asText())
                .containsExactly("reconnectAdb", "newAppiumSession", "restartApp", "reboot", "powerCycle");
        assertThat(entries).extracting(e -> e.path("outcome").asText()).containsExactly("failed", "failed", "failed", "failed", "recovered");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.path("device").asText()).isEqualTo("phone-5");
            assertThat(e.path("cause").asText()).isEqualTo("test fault {\"type\":\"wedged\"}");
            assertThat(e.path("millis").asLong()).isNotNegative();
            assertThat(e.path("time").asText()).matches("\\d{4}-.*Z");
            assertThat(e.fieldNames()).toIterable().containsExactly("time", "device", "rung", "cause", "outcome", "millis");
        });
    }

    @Test
    void corruptedProvisioningNeedsAFactoryResetAndLeavesThePhoneInFactoryState() {
        RecoveryOutcome o = injectAndRecover("phone-6", "{\"type\":\"provisioningCorrupted\"}", FACTORY_RESET);
        recoveredAtExactly(o, FACTORY_RESET);
        assertThat(lab.virtual("phone-6").state()).isEqualTo(PhoneState.SIGN_IN);
    }

    @Test
    void theTopRungReprovisionsThePhoneIntoTheTenantWhenGivenHow() {
        Phone phone = phone("phone-9", FACTORY_RESET);
        lab.inject("phone-9", "{\"type\":\"provisioningCorrupted\"}");
        try (AdminClient admin = lab.admin()) {
            RecoveryLadder ladder = new RecoveryLadder(phone, PowerControl.of(phone.device(), Optional.of(lab.control()), Map.of()),
                    RecoveryLog.in(reports), Optional.of(p -> new ProvisioningFlow(p, admin, new Evidence(p))
                            .provisionFromFactoryState(RecoveryLadder.REPROVISIONED_LOCATION)));
            RecoveryOutcome o = ladder.recover("test fault provisioningCorrupted");
            recoveredAtExactly(o, FACTORY_RESET);
            assertThat(lab.virtual("phone-9").state()).as("provisioned, waiting for a sign-in").isEqualTo(PhoneState.SIGN_IN);
            assertThat(phone.signInScreen().awaitShown().organizationName()).contains("Contoso Ltd");
            assertThat(admin.devices(ProvisioningState.WAITING_FOR_SIGN_IN)).filteredOn(r -> r.macAddress().equals(phone.mac()))
                    .extracting(ProvisioningRecord::location).containsExactly(RecoveryLadder.REPROVISIONED_LOCATION);
        }
    }

    @Test
    void aUiThatDoesNotAnswerCannotHoldARungPastItsTimeout() {
        Recovery onlyReconnect = budgetsRecoveringAt(null);
        for (Recovery.Rung r : Recovery.Rung.values()) onlyReconnect = onlyReconnect.with(r, new Recovery.Step(0, Duration.ofSeconds(1)));
        onlyReconnect = onlyReconnect.with(RECONNECT_ADB, new Recovery.Step(1, Duration.ofSeconds(1)));
        Phone phone = new Phone(lab.inventory.device("phone-8"), lab.profile("phone-8").withRecovery(onlyReconnect), urlOf());
        phones.add(phone);
        phone.driver();
        lab.inject("phone-8", "{\"type\":\"freezeUi\",\"seconds\":60}");
        long start = System.nanoTime();
        RecoveryOutcome o = ladder(phone, true).recover("test: frozen UI");
        long millis = (System.nanoTime() - start) / 1_000_000;
        lab.clearFaults("phone-8");
        assertThat(o.recovered()).isFalse();
        assertThat(o.rungsTried()).as("the others have 0 attempts").containsExactly(RECONNECT_ADB);
        assertThat(millis).as("the frozen UI answers only after 30 s; the rung gives up after its 1 s").isLessThan(10_000);
    }

    @Test
    void aPhoneNoRungBringsBackIsLostAndWithoutPowerControlThePowerCycleIsSkipped() {
        Phone phone = phone("phone-7", null);
        lab.inject("phone-7", "{\"type\":\"wedged\"}");
        RecoveryOutcome o = ladder(phone, false).recover("test: wedged, power: none");
        assertThat(o.recovered()).isFalse();
        assertThat(o.rungsTried()).containsExactly(RECONNECT_ADB, NEW_APPIUM_SESSION, RESTART_APP, REBOOT, FACTORY_RESET);
        PhoneLost lost = o.phoneLost();
        assertThat(lost.category()).isEqualTo(FailureCategory.INFRASTRUCTURE);
        assertThat(lost.device()).isEqualTo("phone-7");
        assertThat(lost).hasMessageContaining("phone-7: phone lost").hasMessageContaining("test: wedged, power: none");
    }
}
