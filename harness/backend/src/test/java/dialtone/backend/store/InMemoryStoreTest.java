package dialtone.backend.store;

class InMemoryStoreTest extends StoreContract {
    @Override
    BackendStore newStore() {
        return new InMemoryStore();
    }
}
