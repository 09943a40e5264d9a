package dev.ocbridge.core.testing;

import dev.ocbridge.core.port.out.MappingStore;

class InMemoryMappingStoreTest extends MappingStoreContract {
    @Override
    protected MappingStore newStore() {
        return new InMemoryMappingStore();
    }
}
