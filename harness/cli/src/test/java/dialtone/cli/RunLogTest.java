package dialtone.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class RunLogTest {
    private static final Logger log = LoggerFactory.getLogger("dialtone.cli.RunLogTest");
    @TempDir Path dir;

    @AfterEach
    void backToTheWorkspaceLog() {
        RunLog.writeTo(Workspace.current().reports());
    }

    @Test
    void eachRunLogsIntoItsOwnReportsDirectoryAndStartsItsFileAfresh() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        Files.createDirectories(first);
        Files.writeString(first.resolve(RunLog.FILE_NAME), "a line of an earlier run\n");

        RunLog.writeTo(first);
        log.info("line of the first run");
        RunLog.writeTo(second);
        log.info("line of the second run");

        assertThat(Files.readString(first.resolve(RunLog.FILE_NAME)))
                .contains("line of the first run").doesNotContain("earlier run").doesNotContain("second run");
        assertThat(Files.readString(second.resolve(RunLog.FILE_NAME)))
                .contains("line of the second run").doesNotContain("first run");
    }
}
