package dialtone.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dadb.AdbKeyPair;
import dadb.Dadb;

/** RSA AUTH as dadb, the stock adb client and a bare-hands host see it. */
class AdbDaemonAuthTest {

    private static KeyPair javaKeys;
    private static KeyPair otherJavaKeys;
    private AdbDaemon daemon;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        javaKeys = g.generateKeyPair();
        otherJavaKeys = g.generateKeyPair();
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private int start(AdbAuth auth) throws Exception {
        daemon = AdbDaemon.start("127.0.0.1", 0, new FakeDevice(), auth);
        return daemon.port();
    }

    // ---------------------------------------------------------------- the key formats

    @Test
    void adbKeysLinesRoundTrip() {
        RSAPublicKey key = (RSAPublicKey) javaKeys.getPublic();
        String line = AdbAuth.publicKeyLine(key, "tech@lab");
        assertThat(AdbAuth.parsePublicKey(line)).satisfies(k -> {
            assertThat(k.getModulus()).isEqualTo(key.getModulus());
            assertThat(k.getPublicExponent()).isEqualTo(key.getPublicExponent());
        });
        assertThat(AdbAuth.parsePublicKey(line + "\0")).isNotNull();
        // dadb writes the same struct adb does: parse its key file and compare
        RSAPublicKey dadbKey = AdbAuth.parsePublicKey(DadbClients.publicKeyLine());
        assertThat(AdbAuth.publicKeyLine(dadbKey, "unknown@unknown")).isEqualTo(DadbClients.publicKeyLine().strip());
        assertThatThrownBy(() -> AdbAuth.parsePublicKey("not base64!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdbAuth.parsePublicKey("AAAA user@host")).isInstanceOf(IllegalArgumentException.class);
        assertThat(AdbAuth.adbKeys(List.of("# keys", "", line)).isAllowed(key)).isTrue();
    }

    // ---------------------------------------------------------------- dadb

    @Test
    void dadbWithAnAllowedKeyConnectsBySignature() throws Exception {
        AdbAuth auth = AdbAuth.adbKeys(List.of(DadbClients.publicKeyLine()));
        try (Dadb dadb = Dadb.create("127.0.0.1", start(auth), DadbClients.keyPair())) {
            assertThat(dadb.shell("echo hello").getOutput()).isEqualTo("hello\n");
        }
        assertThat(auth.keys()).hasSize(1);
    }

    @Test
    void anyKeyAcceptsDadbsPublicKeyAndRemembersItAcrossRestarts() throws Exception {
        AdbAuth auth = AdbAuth.anyKey();
        AdbKeyPair keys = DadbClients.newKeyPair();
        int port = start(auth);
        try (Dadb dadb = Dadb.create("127.0.0.1", port, keys)) {
            assertThat(dadb.shell("echo hello").getOutput()).isEqualTo("hello\n");
        }
        assertThat(auth.keys()).hasSize(1);
        daemon.close(); // the phone reboots; "Always allow" was remembered
        daemon = AdbDaemon.start("127.0.0.1", port, new FakeDevice(), auth);
        try (Dadb dadb = Dadb.create("127.0.0.1", port, keys)) {
            assertThat(dadb.shell("echo hello").getExitCode()).isZero();
        }
        assertThat(auth.keys()).as("known by signature now, not added twice").hasSize(1);
    }

    @Test
    void aFactoryResetForgetsRememberedKeysButNotConfiguredOnes() throws Exception {
        AdbAuth any = AdbAuth.anyKey();
        int port = start(any);
        try (Dadb dadb = Dadb.create("127.0.0.1", port, DadbClients.newKeyPair())) {
            assertThat(dadb.shell("echo hello").getExitCode()).isZero();
        }
        assertThat(any.keys()).hasSize(1);
        any.forgetRemembered();
        assertThat(any.keys()).isEmpty();

        AdbAuth allowList = AdbAuth.allowList(List.of(javaKeys.getPublic()));
        allowList.forgetRemembered();
        assertThat(allowList.isAllowed(javaKeys.getPublic())).as("a configured key is the system's adb_keys").isTrue();
    }

    // ---------------------------------------------------------------- raw protocol

    private static AdbMessage cnxn() {
        return AdbMessage.of(AdbMessage.CNXN, AdbMessage.VERSION, AdbMessage.MAX_PAYLOAD, "host::features=shell_v2\0");
    }

    private static byte[] sign(KeyPair keys, byte[] token) throws Exception {
        byte[] digestInfo = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
        Signature rsa = Signature.getInstance("NONEwithRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(digestInfo);
        rsa.update(token);
        return rsa.sign();
    }

    private static AdbMessage auth(int type, byte[] payload) {
        return new AdbMessage(AdbMessage.AUTH, type, 0, payload);
    }

    private static byte[] publicKeyPayload(KeyPair keys) {
        return (AdbAuth.publicKeyLine((RSAPublicKey) keys.getPublic(), "raw@test") + "\0").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void cnxnIsAnsweredWithATwentyByteToken() throws Exception {
        try (RawAdbClient host = new RawAdbClient(start(AdbAuth.anyKey()))) {
            host.send(cnxn());
            AdbMessage token = host.read();
            assertThat(token.command()).isEqualTo(AdbMessage.AUTH);
            assertThat(token.arg0()).as("TOKEN").isEqualTo(1);
            assertThat(token.payload()).hasSize(20);
            host.send(cnxn());
            assertThat(host.read().payload()).as("a new CNXN, a new token").isNotEqualTo(token.payload());
        }
    }

    @Test
    void signatureOverTheCurrentTokenEstablishesTheConnection() throws Exception {
        try (RawAdbClient host = new RawAdbClient(start(AdbAuth.allowList(List.of(javaKeys.getPublic()))))) {
            host.send(cnxn());
            AdbMessage token = host.read();
            host.send(auth(2, sign(otherJavaKeys, token.payload())));
            AdbMessage second = host.read();
            assertThat(second.arg0()).isEqualTo(1);
            assertThat(second.payload()).isNotEqualTo(token.payload());
            host.send(auth(2, sign(javaKeys, token.payload())));
            AdbMessage third = host.read();
            assertThat(third.command()).as("a signature of a stale token does not count").isEqualTo(AdbMessage.AUTH);
            host.send(auth(2, sign(javaKeys, third.payload())));
            AdbMessage hello = host.read();
            assertThat(hello.command()).isEqualTo(AdbMessage.CNXN);
            assertThat(RawAdbClient.text(hello.payload())).startsWith("device::").contains("features=shell_v2,cmd");
            int[] ids = host.open("shell:echo hello");
            assertThat(RawAdbClient.text(host.readStream(ids))).isEqualTo("hello\n");
        }
    }

    @Test
    void anUnknownPublicKeyLeavesTheHostWaitingUnauthorized() throws Exception {
        AdbAuth auth = AdbAuth.allowList(List.of(javaKeys.getPublic()));
        try (RawAdbClient host = new RawAdbClient(start(auth))) {
            host.send(cnxn());
            host.read();
            host.send(auth(3, publicKeyPayload(otherJavaKeys)));
            assertThat(host.readWithin(300)).as("no answer: the dialog on the phone is never tapped").isNull();
            assertThat(daemon.connectionCount()).isEqualTo(1);
            host.send(AdbMessage.of(AdbMessage.OPEN, 1, 0, "shell:echo hello\0"));
            assertThat(host.closedByDevice()).as("streams before auth drop the connection").isTrue();
        }
        assertThat(auth.keys()).hasSize(1);
    }

    @Test
    void anAllowedPublicKeyIsAccepted() throws Exception {
        try (RawAdbClient host = new RawAdbClient(start(AdbAuth.allowList(List.of(javaKeys.getPublic()))))) {
            host.send(cnxn());
            host.read();
            host.send(auth(3, publicKeyPayload(javaKeys)));
            assertThat(host.read().command()).isEqualTo(AdbMessage.CNXN);
        }
    }

    @Test
    void hostileAuthDropsThatConnectionOnly() throws Exception {
        int port = start(AdbAuth.anyKey());
        List<List<AdbMessage>> hostile = List.of(
                List.of(auth(2, new byte[256])),                                 // AUTH before CNXN
                List.of(cnxn(), auth(7, new byte[1])),                           // unknown AUTH type
                List.of(cnxn(), auth(3, "garbage\0".getBytes(StandardCharsets.UTF_8))), // not a key
                List.of(cnxn(), auth(3, new byte[0])));
        for (List<AdbMessage> messages : hostile) {
            try (RawAdbClient host = new RawAdbClient(port)) {
                for (AdbMessage m : messages) {
                    host.send(m);
                }
                assertThat(host.closedByDevice()).as("dropped after %s", messages).isTrue();
            }
        }
        try (RawAdbClient flood = new RawAdbClient(port)) {
            flood.send(cnxn());
            flood.read();
            byte[] bad = new byte[256];
            for (int i = 0; i <= RsaHandshake.MAX_SIGNATURE_ATTEMPTS; i++) {
                flood.send(auth(2, bad));
            }
            assertThat(flood.closedByDevice()).as("dropped after a flood of wrong signatures").isTrue();
        }
        try (Dadb dadb = DadbClients.connect(port)) {
            assertThat(dadb.shell("echo hello").getOutput()).as("the daemon carries on").isEqualTo("hello\n");
        }
    }

    // ---------------------------------------------------------------- stock adb

    private static StockAdb stockAdbWithKey() throws Exception {
        StockAdb adb = new StockAdb();
        adb.run("start-server"); // creates $HOME/.android/adbkey{,.pub}
        return adb;
    }

    private static String stockAdbKey(StockAdb adb) throws Exception {
        return Files.readString(adb.home().resolve(".android/adbkey.pub"));
    }

    @Test
    void stockAdbConnectsWithAnyKeyAfterSendingItsPublicKey() throws Exception {
        AdbAuth auth = AdbAuth.anyKey();
        try (StockAdb adb = stockAdbWithKey()) {
            String serial = "127.0.0.1:" + start(auth);
            adb.run("connect", serial);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> adb.run("devices").stdout(), out -> out.contains(serial + "\tdevice"));
            assertThat(adb.run("-s", serial, "shell", "echo hello").stdout()).isEqualTo("hello\n");
            assertThat(auth.isAllowed(AdbAuth.parsePublicKey(stockAdbKey(adb)))).isTrue();
        }
    }

    @Test
    void stockAdbWithItsKeyOnTheAllowListConnectsBySignature() throws Exception {
        try (StockAdb adb = stockAdbWithKey()) {
            AdbAuth auth = AdbAuth.adbKeys(List.of(stockAdbKey(adb)));
            String serial = "127.0.0.1:" + start(auth);
            adb.run("connect", serial);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> adb.run("devices").stdout(), out -> out.contains(serial + "\tdevice"));
            assertThat(adb.run("-s", serial, "shell", "echo hello").stdout()).isEqualTo("hello\n");
        }
    }

    @Test
    void stockAdbWithAnUnknownKeyIsUnauthorized() throws Exception {
        try (StockAdb adb = stockAdbWithKey()) {
            String serial = "127.0.0.1:" + start(AdbAuth.allowList(List.of(javaKeys.getPublic())));
            adb.run("connect", serial);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> adb.run("devices").stdout(), out -> out.contains(serial + "\tunauthorized"));
            StockAdb.Result shell = adb.run("-s", serial, "shell", "echo hello");
            assertThat(shell.exitCode()).isNotZero();
            assertThat(shell.stderr()).contains("unauthorized");
        }
    }
}
