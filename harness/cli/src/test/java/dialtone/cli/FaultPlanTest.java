package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.cli.FaultPlan.InfraFault;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The chaos run's fault plan: seeded, about one step in ten, the same faults for the same seed. */
class FaultPlanTest {
    private static final List<String> PHONES = IntStream.rangeClosed(1, 12).mapToObj(i -> "ccx500-" + i).toList();
    private static final List<String> TESTS = List.of("dialtone.suites.smoke.RemoteProvisioningSmokeTest.provisionAndSignInRemotely",
            "dialtone.suites.soak.SoakTest.cycles", "dialtone.suites.provisioning.PerPhoneScenariosTest.manualSignOutNeedsAFactoryReset");

    private static List<Optional<InfraFault>> decisions(FaultPlan plan) {
        List<Optional<InfraFault>> out = new ArrayList<>();
        for (String phone : PHONES) {
            for (String test : TESTS) {
                for (int attempt = 1; attempt <= 2; attempt++) {
                    for (int step = 1; step <= 100; step++) out.add(plan.before(phone, test, attempt, step));
                }
            }
        }
        return out;
    }

    @Test
    void aboutOneStepInTenMeetsAFaultOfEveryKind() {
        List<Optional<InfraFault>> decisions = decisions(new FaultPlan(42, FaultPlan.DEFAULT_RATE));
        long faults = decisions.stream().filter(Optional::isPresent).count();
        assertThat((double) faults / decisions.size()).isBetween(0.08, 0.12);
        Map<InfraFault, Long> kinds = new EnumMap<>(InfraFault.class);
        decisions.stream().flatMap(Optional::stream).forEach(f -> kinds.merge(f, 1L, Long::sum));
        assertThat(kinds).containsOnlyKeys(InfraFault.values());
        assertThat(kinds.values()).allSatisfy(n -> assertThat((double) n / faults).isBetween(0.1, 0.3));
    }

    @Test
    void theSameSeedGivesTheSameFaultsAndAnotherSeedOthers() {
        assertThat(decisions(new FaultPlan(7, 0.1))).isEqualTo(decisions(new FaultPlan(7, 0.1)));
        assertThat(decisions(new FaultPlan(7, 0.1))).isNotEqualTo(decisions(new FaultPlan(8, 0.1)));
        assertThat(decisions(new FaultPlan(7, 0))).allMatch(Optional::isEmpty);
        assertThat(decisions(new FaultPlan(7, 1))).allMatch(Optional::isPresent);
    }

    @Test
    void plantedDefectsGoToDistinctPhonesChosenByTheSeed() {
        Map<String, String> planted = new FaultPlan(3, 0.1).plantedDefects(PHONES, 4);
        assertThat(planted).hasSize(4).isEqualTo(new FaultPlan(3, 0.1).plantedDefects(PHONES, 4));
        assertThat(PHONES).containsAll(planted.keySet());
        assertThat(planted.values()).as("two different fast-failing defects by default")
                .containsExactly("orgNameMissing", "wrongDeviceLoginCode", "orgNameMissing", "wrongDeviceLoginCode");
        assertThat(new FaultPlan(4, 0.1).plantedDefects(PHONES, 4).keySet()).isNotEqualTo(planted.keySet());
    }

    @Test
    void theDefectsToPlantCanBeChosen() {
        Map<String, String> planted = new FaultPlan(3, 0.1).plantedDefects(PHONES, 3, List.of("orgNameMissing"));
        assertThat(planted.keySet()).isEqualTo(new FaultPlan(3, 0.1).plantedDefects(PHONES, 3).keySet());
        assertThat(planted.values()).containsOnly("orgNameMissing").hasSize(3);
        assertThatThrownBy(() -> new FaultPlan(3, 0.1).plantedDefects(PHONES, 1, List.of("meltdown")))
                .hasMessage("defects to plant must be some of orgNameMissing, wrongDeviceLoginCode, signInNeverCompletes, provisioningHangs, got meltdown");
        assertThat(new FaultPlan(3, 0.1).plantedDefects(PHONES, 2, List.of("signInNeverCompletes", "provisioningHangs")).values())
                .as("the slow defects stay selectable").containsExactly("signInNeverCompletes", "provisioningHangs");
    }

    @Test
    void aRateOutsideZeroToOneOrTooManyPlantedDefectsAreRefused() {
        assertThatThrownBy(() -> new FaultPlan(1, 1.5)).hasMessage("the fault rate must be from 0 to 1, got 1.5");
        assertThatThrownBy(() -> new FaultPlan(1, 0.1).plantedDefects(PHONES, 13)).hasMessage("cannot plant defects on 13 of 12 phones");
    }
}
