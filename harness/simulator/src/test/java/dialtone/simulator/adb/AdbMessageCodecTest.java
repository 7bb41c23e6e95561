package dialtone.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class AdbMessageCodecTest {

    private static AdbMessage decode(byte[] bytes, int max) throws IOException {
        return AdbMessageCodec.read(new ByteArrayInputStream(bytes), max);
    }

    @Test
    void encodesTheHeaderLittleEndianWithMagicAndByteSum() {
        byte[] bytes = AdbMessageCodec.encode(AdbMessage.of(AdbMessage.OPEN, 7, 0, "shell:\0"));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes).hasSize(24 + 7);
        assertThat(Arrays.copyOf(bytes, 4)).asString().isEqualTo("OPEN");
        assertThat(b.getInt(4)).isEqualTo(7);
        assertThat(b.getInt(8)).isZero();
        assertThat(b.getInt(12)).isEqualTo(7);
        assertThat(b.getInt(16)).isEqualTo("shell:".chars().sum());
        assertThat(b.getInt(20)).isEqualTo(0x4e45504f ^ 0xffffffff);
    }

    @Test
    void roundTripsEveryCommand() throws IOException {
        for (int cmd : new int[] {AdbMessage.CNXN, AdbMessage.AUTH, AdbMessage.OPEN, AdbMessage.OKAY,
                AdbMessage.CLSE, AdbMessage.WRTE}) {
            byte[] payload = new byte[cmd == AdbMessage.WRTE ? 70_000 : 3];
            Arrays.fill(payload, (byte) 0xA5);
            AdbMessage m = new AdbMessage(cmd, 0x80000001, -2, payload);
            AdbMessage back = decode(AdbMessageCodec.encode(m), AdbMessage.MAX_PAYLOAD);
            assertThat(back.command()).isEqualTo(cmd);
            assertThat(back.arg0()).isEqualTo(0x80000001);
            assertThat(back.arg1()).isEqualTo(-2);
            assertThat(back.payload()).isEqualTo(payload);
        }
    }

    @Test
    void readsBackToBackMessagesAndReturnsNullAtCleanEof() throws IOException {
        InputStream in = new SequenceInputStream(
                new ByteArrayInputStream(AdbMessageCodec.encode(AdbMessage.of(AdbMessage.OKAY, 1, 2))),
                new ByteArrayInputStream(AdbMessageCodec.encode(AdbMessage.of(AdbMessage.CLSE, 1, 2))));
        assertThat(AdbMessageCodec.read(in, 4096).command()).isEqualTo(AdbMessage.OKAY);
        assertThat(AdbMessageCodec.read(in, 4096).command()).isEqualTo(AdbMessage.CLSE);
        assertThat(AdbMessageCodec.read(in, 4096)).isNull();
    }

    @Test
    void ignoresAWrongDataCheckAsDadbSendsOne() throws IOException {
        byte[] bytes = AdbMessageCodec.encode(AdbMessage.of(AdbMessage.WRTE, 1, 2, "hello"));
        bytes[16] ^= 0x5a;
        assertThat(RawAdbClient.text(decode(bytes, 4096).payload())).isEqualTo("hello");
    }

    @Test
    void rejectsBadMagicWithAClearMessage() {
        byte[] bytes = AdbMessageCodec.encode(AdbMessage.of(AdbMessage.OKAY, 1, 2));
        bytes[20] ^= 1;
        assertThatThrownBy(() -> decode(bytes, 4096))
                .isInstanceOf(AdbProtocolException.class)
                .hasMessageContaining("bad magic")
                .hasMessageContaining("0x59414b4f");
    }

    @Test
    void rejectsAnUnknownCommandEvenWithRightMagic() {
        byte[] bytes = AdbMessageCodec.encode(AdbMessage.of(0x12345678, 0, 0));
        assertThatThrownBy(() -> decode(bytes, 4096))
                .isInstanceOf(AdbProtocolException.class)
                .hasMessageContaining("unknown command 0x12345678");
    }

    @Test
    void rejectsOversizeLengthBeforeReadingThePayload() {
        byte[] header = Arrays.copyOf(AdbMessageCodec.encode(AdbMessage.of(AdbMessage.WRTE, 1, 2)), 24);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 4097);
        assertThatThrownBy(() -> decode(header, 4096)) // no payload follows: it must not even try to read it
                .isInstanceOf(AdbProtocolException.class)
                .hasMessageContaining("data_length 4097")
                .hasMessageContaining("exceeds limit 4096");
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 0xffffffff);
        assertThatThrownBy(() -> decode(header, AdbMessage.MAX_PAYLOAD))
                .hasMessageContaining("data_length 4294967295");
    }

    @Test
    void rejectsATruncatedHeader() {
        byte[] bytes = Arrays.copyOf(AdbMessageCodec.encode(AdbMessage.of(AdbMessage.OKAY, 1, 2)), 10);
        assertThatThrownBy(() -> decode(bytes, 4096))
                .isInstanceOf(AdbProtocolException.class)
                .hasMessage("truncated header: got 10 of 24 bytes before EOF");
    }

    @Test
    void rejectsATruncatedPayload() {
        byte[] full = AdbMessageCodec.encode(AdbMessage.of(AdbMessage.WRTE, 1, 2, "0123456789"));
        assertThatThrownBy(() -> decode(Arrays.copyOf(full, 24 + 4), 4096))
                .isInstanceOf(AdbProtocolException.class)
                .hasMessageContaining("truncated payload of WRTE: got 4 of 10 bytes");
    }
}
