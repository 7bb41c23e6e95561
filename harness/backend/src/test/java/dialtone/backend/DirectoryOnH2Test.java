package dialtone.backend;

import dialtone.backend.store.BackendStore;
import dialtone.backend.store.h2.H2Store;

/** {@link DirectoryTest} over H2: every change goes through the database and is read back from it. */
class DirectoryOnH2Test extends DirectoryTest {
    @Override
    BackendStore newStore() {
        return H2Store.inMemory();
    }
}
