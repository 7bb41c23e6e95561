package dialtone.cli;

import io.qameta.allure.AllureResultsWriteException;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Allure's results writer made atomic: each result, container and attachment is written by
 * Allure's own {@link FileSystemResultsWriter} into a staging directory next to the results, then
 * moved into them in one step. Allure's writer writes straight into its final file name, so a
 * run killed mid-write (SIGKILL, power loss) would leave a half-written {@code -result.json} that
 * breaks the report; with this, a file in the results is always whole, and a killed run's
 * unfinished writes are only in the staging directory.
 */
final class AtomicResultsWriter implements AllureResultsWriter {
    private final Path results;
    private final Path staging;
    private final FileSystemResultsWriter delegate;

    AtomicResultsWriter(Path results) {
        this.results = results;
        this.staging = staging(results);
        this.delegate = new FileSystemResultsWriter(staging);
    }

    /** Where files are written before they are moved into {@code results}: on the same file system. */
    static Path staging(Path results) {
        return results.resolveSibling(results.getFileName() + ".writing");
    }

    @Override
    public void write(TestResult result) {
        if (result.getUuid() == null) result.setUuid(UUID.randomUUID().toString());
        delegate.write(result);
        publish(result.getUuid() + "-result.json");
    }

    @Override
    public void write(TestResultContainer container) {
        if (container.getUuid() == null) container.setUuid(UUID.randomUUID().toString());
        delegate.write(container);
        publish(container.getUuid() + "-container.json");
    }

    @Override
    public void write(String source, InputStream attachment) {
        delegate.write(source, attachment);
        publish(source);
    }

    private void publish(String name) {
        try {
            Files.createDirectories(results);
            Files.move(staging.resolve(name), results.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AllureResultsWriteException("cannot move " + name + " from " + staging + " into " + results, e);
        }
    }
}
