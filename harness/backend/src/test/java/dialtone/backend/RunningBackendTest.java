package dialtone.backend;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test against a real backend on a free loopback port, started before each test and stopped
 * after it. Override {@link #config()} for settings other than {@link TestBackends#config()}'s.
 */
abstract class RunningBackendTest {
    protected BackendServer backend;
    protected Http http;

    protected BackendConfig config() {
        return TestBackends.config().build();
    }

    @BeforeEach
    final void startBackend() {
        backend = BackendServer.start(config());
        http = new Http(backend.url());
    }

    @AfterEach
    final void stopBackend() {
        backend.close();
    }
}
