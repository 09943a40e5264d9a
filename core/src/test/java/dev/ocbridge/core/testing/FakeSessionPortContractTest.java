package dev.ocbridge.core.testing;

import dev.ocbridge.core.port.out.SessionPort;

import java.time.Duration;
import java.time.Instant;

class FakeSessionPortContractTest extends SessionPortContract {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final FakeSessionPort sessions = new FakeSessionPort(clock, "/srv/opencode");

    @Override
    protected SessionPort sessions() {
        return sessions;
    }

    FakeSessionPortContractTest() {
        sessions.missingDirectory(missingDirectory());
    }

    @Override
    protected String directory() {
        return "/home/alice/shop";
    }

    @Override
    protected String anotherDirectory() {
        return "/home/alice/blog";
    }

    @Override
    protected String missingDirectory() {
        return "/home/alice/gone";
    }

    @Override
    protected void letTimePass() {
        clock.advance(Duration.ofSeconds(1));
    }
}
