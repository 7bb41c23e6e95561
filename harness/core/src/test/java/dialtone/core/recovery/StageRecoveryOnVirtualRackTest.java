package dialtone.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.core.VirtualLab;
import dialtone.core.backend.AdminClient;
import dialtone.core.evidence.Evidence;
import dialtone.core.failure.ProductDefect;
import dialtone.core.flows.ProvisioningFlow;
import dialtone.core.phone.Phone;
import dialtone.model.profile.Budgets;
import dialtone.model.provisioning.IssuedVerificationCode;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.model.rack.TimeScale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Each fault of a chaos run hitting a provisioning flow on a virtual phone right before the technician
 * enters the code: the flow absorbs it where it hits (the stage, or the dial-pad unit, runs again once
 * the ladder's lower rungs brought the phone back) and the phone ends provisioned, with no test-level
 * retry. A firmware defect met after absorbed lab trouble stays a product defect.
 */
class StageRecoveryOnVirtualRackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static VirtualLab lab;
    static AdminClient admin;
    private Phone phone;
    @TempDir
    Path reports;

    @BeforeAll
    static void startRack() {
        lab = VirtualLab.start(1, new TimeScale(0.01));
        admin = lab.admin();
    }

    @AfterAll
    static void stopRack() {
        admin.close();
        lab.close();
    }

    @AfterEach
    void closePhone() {
        lab.clearFaults("phone-1");
        if (phone != null) phone.close();
    }

    private ProvisioningFlow flow() {
        Budgets b = lab.profile("phone-1").budgets(); // a screen that is not there is waited for 5 s, not 20
        phone = lab.phone("phone-1", lab.profile("phone-1").withBudgets(new Budgets(b.adbConnect(), b.boot(), Duration.ofSeconds(5),
                b.provisioning(), b.remoteSignIn(), b.signIn(), b.poll())));
        RecoveryLadder ladder = new RecoveryLadder(phone, Optional.empty(), RecoveryLog.in(reports));
        StageRecovery recovery = StageRecovery.by("phone-1", (stage, cause) -> ladder.recover(cause, Optional.of(stage)).recovered());
        return new ProvisioningFlow(phone, admin, new Evidence(phone, () -> admin.audit(phone.mac()), recovery));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"dropAdb\"}", "{\"type\":\"killAppiumSession\"}", "{\"type\":\"freezeUi\",\"seconds\":2}",
            "{\"type\":\"reboot\"}", "{\"type\":\"cutBackend\",\"seconds\":2}"})
    void aFaultBeforeTheCodeIsEnteredIsAbsorbedWhereItHits(String fault) throws IOException {
        ProvisioningFlow flow = flow();
        flow.factoryReset();
        flow.addMac("Lab bench");
        IssuedVerificationCode code = flow.issueCode();
        lab.inject("phone-1", fault);

        assertThat(flow.enterAndConfirm(code).state()).isEqualTo(ProvisioningState.WAITING_FOR_SIGN_IN);

        List<JsonNode> climbs = recoveryLines();
        assertThat(climbs).as("every climb was made inside a stage, never past the lower rungs")
                .allSatisfy(l -> assertThat(l.path("stage").asText()).isNotEmpty())
                .allSatisfy(l -> assertThat(l.path("rung").asText()).isNotEqualTo("factoryReset"));
        if (fault.contains("reboot") || fault.contains("cutBackend")) {
            // the others are absorbed by the call itself: ADB reconnects, a lost session is renewed, a call waits out a short freeze
            assertThat(climbs).as(fault + " needed the stage to run again").anySatisfy(l -> assertThat(l.path("outcome").asText()).isEqualTo("recovered"));
            // the cheapest rung suffices: the health check drops a session from before the reboot, and a refusal screen is a Teams screen
            assertThat(climbs).filteredOn(l -> l.path("outcome").asText().equals("recovered"))
                    .allSatisfy(l -> assertThat(l.path("rung").asText()).isEqualTo("reconnectAdb"));
        }
    }

    @Test
    void anAdbCallWaitsOutARebootUnderIt() {
        flow();
        String bootBefore = phone.bootId();
        lab.inject("phone-1", "{\"type\":\"reboot\"}");
        assertThat(phone.firmware()).as("read once adbd is back, within the adbConnect budget").isNotNull();
        assertThat(phone.bootId()).isNotEqualTo(bootBefore);
    }

    @Test
    void aFactoryResetTheServiceNeverHeardIsDoneAgain() throws IOException {
        ProvisioningFlow flow = flow();
        flow.provision("Lab bench");
        // cut off for longer than the reset stage waits to see the reset heard: the stage fails once, then runs again
        long seconds = phone.profile().budgets().screen().plusSeconds(2).toSeconds();
        lab.inject("phone-1", "{\"type\":\"cutBackend\",\"seconds\":" + seconds + "}");
        flow.factoryReset();
        assertThat(flow.addMac("Lab bench").state()).as("the service heard the second reset: the MAC can be added")
                .isEqualTo(ProvisioningState.WAITING_ON_ACTIVATION);
        assertThat(recoveryLines()).anySatisfy(l -> assertThat(l.path("stage").asText()).startsWith("Factory reset"));
    }

    @Test
    void aFirmwareDefectAfterAbsorbedLabTroubleStaysAProductDefect() {
        ProvisioningFlow flow = flow();
        flow.factoryReset();
        flow.addMac("Lab bench");
        IssuedVerificationCode code = flow.issueCode();
        lab.inject("phone-1", "{\"type\":\"defect\",\"name\":\"orgNameMissing\"}");
        lab.inject("phone-1", "{\"type\":\"reboot\"}");
        assertThatThrownBy(() -> flow.enterAndConfirm(code)).isInstanceOf(ProductDefect.class)
                .hasMessageContaining("accepted its verification code but its sign-in screen shows no organization name");
    }

    private List<JsonNode> recoveryLines() throws IOException {
        Path file = reports.resolve(RecoveryLog.FILE_NAME);
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.exists(file)) return lines;
        for (String l : Files.readAllLines(file)) lines.add(JSON.readTree(l));
        return lines;
    }
}
