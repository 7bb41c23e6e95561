package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dialtone doctor}: passes on the virtual rack, and on a "real" rack file pointing at running
 * virtual phones names each fault it can see in its own line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorCommandTest {
    private static final String UNSET_PASSWORD_ENV = "DIALTONE_DOCTOR_TEST_UNSET_PASSWORD";
    private static final String SECRET = "correct-horse-battery-staple";

    @TempDir
    Path dir;

    /** Three virtual phones the "lab" rack files below point at: a good CCX 500, a CCX 600, a CCX 500 on 6.x firmware. */
    private LabLauncher phones;
    private int ccx500, ccx600, ccx500Old;

    @BeforeAll
    void startPhones(@TempDir Path phonesDir) throws IOException {
        ccx500 = FreePortRack.freePort();
        ccx600 = FreePortRack.freePort();
        ccx500Old = FreePortRack.freePort();
        Path rack = Files.writeString(phonesDir.resolve("phones.yaml"), """
                name: doctor-phones
                backend: {url: embedded, tenant: contoso}
                appium: embedded
                devices:
                  - {id: p500, profile: poly-ccx500, adb: "127.0.0.1:%d", mac: "64:16:7F:50:00:01", firmware: 7.2.1.1707}
                  - {id: p600, profile: poly-ccx600, adb: "127.0.0.1:%d", mac: "64:16:7F:60:00:01", firmware: 9.0.0.10315}
                  - {id: p500old, profile: poly-ccx500, adb: "127.0.0.1:%d", mac: "64:16:7F:50:00:02", firmware: 6.2.0.100}
                """.formatted(ccx500, ccx600, ccx500Old));
        Workspace ws = Workspace.current();
        phones = LabLauncher.start(new LabLauncher.Options(ws.home(), rack, Set.of(), null, "htmlunit", Map.of()));
        phones.awaitVirtualPhonesBooted(Duration.ofSeconds(30));
    }

    @AfterAll
    void stopPhones() {
        if (phones != null) phones.close();
    }

    @Test
    void passesOnTheVirtualRack() {
        Path rack = FreePortRack.write(Workspace.current().defaultRack(), dir.resolve("virtual/rack.yaml"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(out, "doctor", "--rack", rack.toString());
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(printed).isZero();
        assertThat(printed).doesNotContain("FAIL").contains("checks passed.");
        assertThat(printed).containsPattern("OK +java +Java \\d+")
                .containsPattern("OK +rack +.*virtual, 3 phone\\(s\\), 1 account\\(s\\), virtual")
                .containsPattern("OK +backend +http://127\\.0\\.0\\.1:\\d+/health answers ok \\(embedded\\)")
                .containsPattern("OK +tenant contoso +the admin token .* is accepted \\(organization Contoso Ltd\\)")
                .containsPattern("OK +appium +http://127\\.0\\.0\\.1:\\d+/status ready")
                .containsPattern("OK +password lobby-phone@contoso.example +\\$DIALTONE_LOBBY_PASSWORD");
        for (String phone : new String[] {"ccx500-1", "ccx600-1", "trio-c60-1"}) {
            assertThat(printed).containsPattern("OK +adb " + phone + " ")
                    .containsPattern("OK +model " + phone + " ")
                    .containsPattern("OK +firmware " + phone + " ")
                    .containsPattern("OK +teams " + phone + " +com\\.microsoft\\.skype\\.teams\\.ipphone \\S+")
                    .containsPattern("OK +mac " + phone + " ");
        }
        assertThat(printed).containsPattern("OK +firmware trio-c60-1 +8\\.1\\.6\\.1005 \\(profile poly-trio-c60 supports 7\\.0\\.2\\.1071 or later\\)");
    }

    @Test
    void namesEachFaultOnItsOwnLineAndNeverPrintsASecret() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), phones.adminToken());
        Path passwordFile = Files.writeString(dir.resolve("room.password"), SECRET);
        int off = FreePortRack.freePort();
        Path rack = Files.writeString(dir.resolve("faulty.yaml"), """
                name: faulty-lab
                backend: {url: "http://127.0.0.1:%d", tenant: contoso, adminTokenFile: "%s"}
                appium: "http://127.0.0.1:%d"
                devices:
                  - {id: good, profile: poly-ccx500, adb: "127.0.0.1:%d", mac: "64:16:7F:50:00:01"}
                  - {id: wrong-model, profile: poly-ccx500, adb: "127.0.0.1:%d"}
                  - {id: old-firmware, profile: poly-ccx500, adb: "127.0.0.1:%d"}
                  - {id: switched-off, profile: poly-ccx600, adb: "127.0.0.1:%d"}
                accounts:
                  - {upn: lobby@contoso.example, signInMode: commonArea, passwordEnv: %s}
                  - {upn: room@contoso.example, signInMode: commonArea, passwordFile: "%s"}
                """.formatted(FreePortRack.freePort(), token, FreePortRack.freePort(), ccx500, ccx600, ccx500Old, off, UNSET_PASSWORD_ENV, passwordFile));
        assertThat(System.getenv(UNSET_PASSWORD_ENV)).as("the test needs this variable unset").isNull();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(out, "doctor", "--rack", rack.toString());
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(printed).isEqualTo(Main.LAB_PROBLEMS);
        assertThat(printed)
                .containsPattern("FAIL +backend +http://127\\.0\\.0\\.1:\\d+ does not answer: connection refused -- fix: start it")
                .containsPattern("FAIL +tenant contoso +admin call failed: .*no answer")
                .containsPattern("FAIL +appium +http://127\\.0\\.0\\.1:\\d+ does not answer: connection refused -- fix: start Appium")
                .containsPattern("FAIL +adb switched-off +127\\.0\\.0\\.1:" + off + ": connection refused .* -- fix: power the phone and enable network ADB")
                .containsPattern("FAIL +model wrong-model +reports ro\\.product\\.model=CCX600 where poly-ccx500 expects CCX500.*"
                        + " -- fix: this phone is a Poly CCX 600: set profile: poly-ccx600 for wrong-model")
                .containsPattern("FAIL +firmware old-firmware +6\\.2\\.0\\.100 is outside 7\\.0\\.2\\.1072 or later, which profile poly-ccx500 supports -- fix: update")
                .containsPattern("FAIL +password lobby@contoso\\.example +environment variable " + UNSET_PASSWORD_ENV + " is not set -- fix: export " + UNSET_PASSWORD_ENV)
                .containsPattern("OK +password room@contoso\\.example +file .*room\\.password is readable");
        // the good phone and the faulty ones' other checks pass: one line per fault, no knock-on failures
        assertThat(printed).containsPattern("OK +adb good ").containsPattern("OK +model good ").containsPattern("OK +firmware good ")
                .containsPattern("OK +mac good ").containsPattern("OK +teams old-firmware ").containsPattern("OK +firmware wrong-model ")
                .doesNotContainPattern("(model|firmware|teams) switched-off");
        assertThat(printed.lines().filter(l -> l.startsWith("FAIL")).count()).as(printed).isEqualTo(7);
        assertThat(printed).contains("7 of ").contains("checks failed (docs/lab-setup.md explains each line)");
        assertThat(printed).doesNotContain(SECRET).doesNotContain(phones.adminToken());
    }

    @Test
    void aTokenOfAnotherTenantOrNoneIsATenantFailure() throws IOException {
        Path wrongToken = Files.writeString(dir.resolve("wrong-token"), "not-the-token");
        Path rack = Files.writeString(dir.resolve("wrong-token.yaml"), """
                name: wrong-token
                backend: {url: "%s", tenant: contoso, adminTokenFile: "%s"}
                appium: "%s"
                devices:
                  - {id: good, profile: poly-ccx500, adb: "127.0.0.1:%d"}
                """.formatted(phones.lab().backendUrl(), wrongToken, phones.lab().appiumUrl(), ccx500));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(out, "doctor", "--rack", rack.toString());
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(printed).isEqualTo(Main.LAB_PROBLEMS);
        assertThat(printed).containsPattern("OK +backend ").containsPattern("OK +appium ")
                .containsPattern("FAIL +tenant contoso +the backend refuses the admin token from file .*wrong-token \\(401\\) -- fix: put the tenant's current admin token")
                .doesNotContain("not-the-token");
        assertThat(printed.lines().filter(l -> l.startsWith("FAIL")).count()).as(printed).isEqualTo(1);
    }

    @Test
    void aPhoneThatNeverAnswersTheHandshakeIsReportedNotWaitedFor() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread holder = new Thread(() -> {
                try (java.net.Socket held = silent.accept()) {
                    held.getInputStream().readAllBytes(); // says nothing, like a phone waiting for its key to be accepted
                } catch (IOException ignored) {
                    // the test closed the socket
                }
            });
            holder.setDaemon(true);
            holder.start();
            Path rack = Files.writeString(dir.resolve("silent.yaml"), """
                    name: silent
                    backend: {url: "http://127.0.0.1:1", tenant: contoso, adminTokenEnv: UNUSED}
                    appium: "http://127.0.0.1:1"
                    devices:
                      - {id: waiting, profile: poly-ccx500, adb: "127.0.0.1:%d"}
                    """.formatted(silent.getLocalPort()));
            Workspace ws = Workspace.current();
            Doctor.Target target = new Doctor.Target(dialtone.model.rack.Racks.load(rack),
                    dialtone.model.profile.DeviceProfiles.loadDirectory(ws.home().resolve("device-profiles")),
                    java.net.URI.create("http://127.0.0.1:1"), java.util.Optional.empty(), java.net.URI.create("http://127.0.0.1:1"), false, Map.of());

            // the phone never answers: doctor gives up after its own 2 s instead of waiting for it (the future's minute is only a budget)
            java.util.List<Doctor.Check> checks = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> new Doctor(Duration.ofSeconds(2)).phones(target)).get(1, java.util.concurrent.TimeUnit.MINUTES);

            assertThat(checks).singleElement().satisfies(c -> {
                assertThat(c.ok()).isFalse();
                assertThat(c.line()).containsPattern("FAIL +adb waiting +127\\.0\\.0\\.1:\\d+ accepts TCP but the phone's checks did not finish within 2 s"
                        + ".* -- fix: accept this host's key on the phone");
            });
        }
    }

    @Test
    void aRackFileThatDoesNotParseIsAHarnessError() throws IOException {
        Path rack = Files.writeString(dir.resolve("bad.yaml"), "name: bad\nbackend: {url: embedded, tenant: contoso}\nappium: embedded\ndevices: []\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Cli.run(out, "doctor", "--rack", rack.toString())).isEqualTo(Main.HARNESS_ERROR);
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("FAIL +rack +.*devices.*must list at least one device -- fix: fix the rack file");
    }

    @Test
    void aDeviceWithoutAProfileIsAHarnessError() throws IOException {
        Path rack = Files.writeString(dir.resolve("unknown-profile.yaml"), """
                name: unknown-profile
                backend: {url: "http://127.0.0.1:1", tenant: contoso, adminTokenEnv: UNUSED}
                appium: "http://127.0.0.1:1"
                devices:
                  - {id: desk-1, profile: poly-ccx700, adb: "127.0.0.1:1"}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Cli.run(out, "doctor", "--rack", rack.toString())).isEqualTo(Main.HARNESS_ERROR);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("FAIL +profiles +no such device profile: desk-1 names 'poly-ccx700' \\(known: poly-ccx500, poly-ccx600, poly-trio-c60\\)"
                        + " -- fix: .*profile capture")
                .doesNotContain("adb desk-1");
    }

}
