package dialtone.core.phone;

import static org.assertj.core.api.Assertions.assertThat;

import dadb.AdbKeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdbHostKeyTest {
    @TempDir
    Path home;

    @Test
    void theKeyIsGeneratedOnceAndThenReusedNeverReplaced() throws Exception {
        Path android = home.resolve(".android");
        AdbKeyPair first = AdbHostKey.load(android);
        assertThat(android.resolve("adbkey")).exists();
        String pub = Files.readString(android.resolve("adbkey.pub"));
        assertThat(pub).matches("(?s)[A-Za-z0-9+/=]{700,} .*");
        String priv = Files.readString(android.resolve("adbkey"));

        AdbKeyPair again = AdbHostKey.load(android);
        assertThat(Files.readString(android.resolve("adbkey"))).isEqualTo(priv);
        assertThat(Files.readString(android.resolve("adbkey.pub"))).isEqualTo(pub);
        assertThat(again.getPublicKeyBytes$dadb()).isEqualTo(first.getPublicKeyBytes$dadb());
        try (var files = Files.list(android)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("adbkey", "adbkey.pub");
        }
    }
}
