package dev.ocbridge.core.testing;

import dev.ocbridge.core.port.out.MappingStore;

class InMemoryMappingStoreTest extends MappingStoreContract {
    private InMemoryMappingStore store;

    @Override
    protected MappingStore newStore() {
        store = new InMemoryMappingStore();
        return store;
    }

    @Override
    protected void writesFail(boolean failing) {
        store.failWrites(failing);
    }
}
