package dev.ocbridge.core.testing;

import dev.ocbridge.core.domain.AgentInfo;
import dev.ocbridge.core.domain.ModelInfo;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.PromptChoices;
import dev.ocbridge.core.domain.ProviderInfo;
import dev.ocbridge.core.port.out.SessionPort;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

class FakeSessionPortContractTest extends SessionPortContract {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final FakeSessionPort sessions = new FakeSessionPort(clock, "/srv/opencode");

    FakeSessionPortContractTest() {
        ModelRef model = new ModelRef("fake", "fake-model");
        sessions.offer(List.of(new ProviderInfo("fake", "Fake", List.of(new ModelInfo(model, "Fake Model")))),
                List.of(new AgentInfo("build", "", true, false), new AgentInfo("title", "", true, true)),
                new PromptChoices(model, "build"));
        sessions.missingDirectory(missingDirectory());
    }

    @Override
    protected SessionPort sessions() {
        return sessions;
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
