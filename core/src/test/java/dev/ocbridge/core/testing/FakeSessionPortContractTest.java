package dev.ocbridge.core.testing;

import dev.ocbridge.core.port.out.SessionPort;

import java.time.Instant;

class FakeSessionPortContractTest extends SessionPortContract {
    private final FakeSessionPort sessions = new FakeSessionPort(new MutableClock(Instant.parse("2026-11-21T10:00:00Z")));

    @Override
    protected SessionPort sessions() {
        return sessions;
    }

    @Override
    protected String directory() {
        return "/home/alice/shop";
    }
}
