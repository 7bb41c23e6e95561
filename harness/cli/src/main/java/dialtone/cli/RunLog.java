package dialtone.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a run's log file ({@code dialtone.log}) into the run's reports directory, next to the
 * results it explains, so two runs with their own {@code --reports} never write one file. The
 * file appender of {@code logback.xml} opens {@code reports/dialtone.log} for appending, so a run
 * starting next to another never truncates that run's log; only the move truncates.
 */
final class RunLog {
    static final String FILE_NAME = "dialtone.log";
    private static final String APPENDER = "FILE";

    private RunLog() {}

    /** Logs of this process go to {@code reportsDir/dialtone.log} from now on (truncated first). */
    static void writeTo(Path reportsDir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return; // another SLF4J binding: its own config
        if (!(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER) instanceof FileAppender<?> file)) return;
        String target = reportsDir.resolve(FILE_NAME).toAbsolutePath().toString();
        if (target.equals(file.getFile()) && file.isStarted()) return;
        file.stop();
        file.setFile(target);
        file.setAppend(false);
        file.start();
    }
}
