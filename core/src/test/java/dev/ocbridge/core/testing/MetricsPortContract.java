package dev.ocbridge.core.testing;

import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.port.out.MetricsPort.RequestOutcome;
import dev.ocbridge.core.port.out.MetricsPort.Server;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link MetricsPort} does: each report counts once, under its own server, outcome or type, and
 * nothing reported makes it throw. Run against the fake and the real adapter, which read their counts back
 * each in their own way.
 */
public abstract class MetricsPortContract {

    protected abstract MetricsPort metrics();

    protected abstract double promptsForwarded();

    protected abstract double answersCompleted();

    protected abstract double postsCreated();

    protected abstract double postsEdited();

    protected abstract double requests(Server server, RequestOutcome outcome);

    protected abstract double reconnects(Server server);

    protected abstract double events(Server server, String type);

    @Test
    void eachReportCountsOnce() {
        metrics().promptForwarded(Duration.ofMillis(20));
        metrics().answerCompleted();
        metrics().postCreated();
        metrics().postCreated();
        metrics().postEdited();
        metrics().firstTextShown(Duration.ofMillis(5));

        assertThat(promptsForwarded()).isEqualTo(1);
        assertThat(answersCompleted()).isEqualTo(1);
        assertThat(postsCreated()).isEqualTo(2);
        assertThat(postsEdited()).isEqualTo(1);
    }

    @Test
    void requestsAreCountedByServerAndOutcomeApart() {
        for (Server server : Server.values()) {
            for (RequestOutcome outcome : RequestOutcome.values()) {
                metrics().requestCompleted(server, outcome);
            }
        }
        metrics().requestCompleted(Server.CHAT, RequestOutcome.RATE_LIMITED);

        assertThat(requests(Server.CHAT, RequestOutcome.RATE_LIMITED)).isEqualTo(2);
        assertThat(requests(Server.AGENT, RequestOutcome.RATE_LIMITED)).isEqualTo(1);
        assertThat(requests(Server.AGENT, RequestOutcome.UNREACHABLE)).isEqualTo(1);
    }

    @Test
    void reconnectsAndEventsAreCountedPerServer() {
        metrics().streamReconnected(Server.AGENT);
        metrics().eventReceived(Server.CHAT, "posted");
        metrics().eventReceived(Server.CHAT, "posted");
        metrics().eventReceived(Server.AGENT, "posted");

        assertThat(reconnects(Server.AGENT)).isEqualTo(1);
        assertThat(reconnects(Server.CHAT)).isZero();
        assertThat(events(Server.CHAT, "posted")).isEqualTo(2);
        assertThat(events(Server.AGENT, "posted")).isEqualTo(1);
    }

    @Test
    void oddValuesAreCountedNotThrownAt() {
        metrics().eventReceived(Server.AGENT, "");
        metrics().promptForwarded(Duration.ZERO);
        metrics().firstTextShown(Duration.ofDays(2));

        assertThat(events(Server.AGENT, "")).isEqualTo(1);
        assertThat(promptsForwarded()).isEqualTo(1);
    }
}
