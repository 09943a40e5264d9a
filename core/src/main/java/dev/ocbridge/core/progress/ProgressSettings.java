package dev.ocbridge.core.progress;

import java.util.Objects;

/** What the operator chose to show of the agent's work. */
public record ProgressSettings(ProgressMode mode, boolean showReasoning) {
    public static final ProgressSettings DEFAULT = new ProgressSettings(ProgressMode.FULL, false);

    public ProgressSettings {
        Objects.requireNonNull(mode, "mode");
    }
}
