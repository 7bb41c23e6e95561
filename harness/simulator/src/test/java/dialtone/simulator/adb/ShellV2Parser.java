package dialtone.simulator.adb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Splits a device→host shell v2 byte stream into stdout, stderr and exit code. */
record ShellV2Parser(String stdout, String stderr, Integer exitCode) {

    static ShellV2Parser parse(byte[] stream) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(stream);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Integer exit = null;
        ShellV2.Packet p;
        while ((p = ShellV2.read(in)) != null) {
            switch (p.id()) {
                case ShellV2.STDOUT -> out.writeBytes(p.payload());
                case ShellV2.STDERR -> err.writeBytes(p.payload());
                case ShellV2.EXIT -> exit = p.payload()[0] & 0xff;
                default -> throw new IOException("unexpected packet id " + p.id());
            }
        }
        return new ShellV2Parser(RawAdbClient.text(out.toByteArray()), RawAdbClient.text(err.toByteArray()), exit);
    }
}
