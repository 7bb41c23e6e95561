package dialtone.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the dialtone command in-process, capturing what it prints. */
final class Cli {
    private Cli() {}

    /** Runs the command; {@code captured} gets what it prints on standard output and standard error. */
    static synchronized int run(ByteArrayOutputStream captured, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(tee(captured, out));
        System.setErr(tee(captured, err));
        try {
            return Main.commandLine().execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static PrintStream tee(ByteArrayOutputStream captured, PrintStream original) {
        return new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }
        }, true, StandardCharsets.UTF_8);
    }
}
