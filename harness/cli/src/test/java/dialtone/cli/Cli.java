package dialtone.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the dialtone command in-process, capturing what it prints. */
final class Cli {
    private Cli() {}

    static synchronized int run(ByteArrayOutputStream captured, String... args) {
        PrintStream original = System.out;
        PrintStream tee = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                original.write(b);
            }
        }, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        try {
            return Main.commandLine().execute(args);
        } finally {
            System.setOut(original);
        }
    }
}
