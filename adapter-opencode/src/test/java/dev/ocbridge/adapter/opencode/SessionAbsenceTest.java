package dev.ocbridge.adapter.opencode;

import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.ServerMisroutedException;
import dev.ocbridge.core.error.UnavailableException;
import dev.ocbridge.core.testing.fuzz.LogWatch;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class SessionAbsenceTest {
    private static final String SERVER_DIRECTORY = "/home/dev/projA";
    private static final SessionId ASKED = new SessionId("ses_asked");
    private static final NotFoundException NOT_FOUND = new NotFoundException("OpenCode refused reading session (HTTP 404)");

    private String currentDirectory = SERVER_DIRECTORY;
    private Supplier<List<SessionInfo>> listed = List::of;
    private final SessionAbsence absence = new SessionAbsence(() -> SERVER_DIRECTORY, this::whereTheServerWorks,
            () -> listed.get());

    private String whereTheServerWorks() {
        if (currentDirectory == null) {
            throw new NotFoundException("OpenCode refused saying where it works (HTTP 404)");
        }
        return currentDirectory;
    }

    @Test
    void theSameServerListingItsSessionsWithoutTheAskedOneMeansTheSessionIsGone() {
        listed = () -> List.of(session("ses_other"));

        BridgeException explained = absence.explain(ASKED, NOT_FOUND);

        assertThat(explained).isSameAs(NOT_FOUND);
    }

    @Test
    void aServerWithNoSessionsLeftIsStillBelievedWhenItIsTheSameServer() {
        assertThat(absence.explain(ASKED, NOT_FOUND)).isSameAs(NOT_FOUND);
    }

    @Test
    void aServerThatWorksSomewhereElseIsAnotherServer() {
        currentDirectory = "/srv/somebody-else";

        BridgeException explained = absence.explain(ASKED, NOT_FOUND);

        assertThat(explained).isInstanceOf(ServerMisroutedException.class).hasCause(NOT_FOUND)
                .hasMessageContaining("another server");
        assertThat(explained.retryable()).isTrue();
    }

    @Test
    void aServerThatDoesNotSayWhereItWorksIsNotBelieved() {
        currentDirectory = null;

        assertThat(absence.explain(ASKED, NOT_FOUND)).isInstanceOf(ServerMisroutedException.class)
                .hasMessageContaining("does not say where it works");
    }

    @Test
    void aServerWhoseSessionListFailsIsNotBelieved() {
        listed = () -> {
            throw new NotFoundException("OpenCode refused listing the sessions (HTTP 404)");
        };

        assertThat(absence.explain(ASKED, NOT_FOUND)).isInstanceOf(ServerMisroutedException.class)
                .hasMessageContaining("does not list its sessions");
    }

    @Test
    void aServerThatStillListsTheSessionItCallsMissingIsMisrouted() {
        listed = () -> List.of(session("ses_other"), session(ASKED.value()));

        assertThat(absence.explain(ASKED, NOT_FOUND)).isInstanceOf(ServerMisroutedException.class)
                .hasMessageContaining("still lists that session");
    }

    @Test
    void aServerThatGoesDownWhileCheckedIsNotBelievedEither() {
        List<String> calls = new ArrayList<>();
        listed = () -> {
            calls.add("list");
            throw new UnavailableException("OpenCode is unreachable");
        };

        assertThat(absence.explain(ASKED, NOT_FOUND)).isInstanceOf(ServerMisroutedException.class);
        assertThat(calls).containsExactly("list");
    }

    @Test
    void aMisroutedServerIsLoggedOnceUntilItAnswersAsItselfAgain() {
        currentDirectory = "/srv/somebody-else";
        try (LogWatch log = new LogWatch(SessionAbsence.class)) {
            absence.explain(ASKED, NOT_FOUND);
            absence.explain(new SessionId("ses_another"), NOT_FOUND);
            assertThat(log.lines()).isEqualTo(1);

            currentDirectory = SERVER_DIRECTORY;
            absence.explain(ASKED, NOT_FOUND);
            assertThat(log.lines()).isEqualTo(2);
            assertThat(log.longestLine()).contains("somebody-else");
        }
    }

    private static SessionInfo session(String id) {
        return new SessionInfo(new SessionId(id), null, "a session", SERVER_DIRECTORY, Instant.EPOCH, Instant.EPOCH);
    }
}
