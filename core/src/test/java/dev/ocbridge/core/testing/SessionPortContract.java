package dev.ocbridge.core.testing;

import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.PermissionId;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.QuestionId;
import dev.ocbridge.core.domain.QuestionRequest;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.port.out.SessionPort;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link SessionPort} does without a model answering, run against the fake and each real agent
 * adapter: subclass it and give the port and a project directory it may create sessions in.
 */
public abstract class SessionPortContract {
    /** Well-formed ids the server has never issued. */
    private static final SessionId UNKNOWN_SESSION = new SessionId("ses_0000000000000000000000000");

    protected abstract SessionPort sessions();

    /** An existing directory, as an absolute path, for the sessions the contract creates. */
    protected abstract String directory();

    @Test
    void aCreatedSessionIsARootSessionThatCanBeReadAndIsListed() {
        SessionInfo created = sessions().createSession(new NewSession("contract: created", directory()));

        assertThat(created.title()).isEqualTo("contract: created");
        assertThat(created.directory()).isEqualTo(directory());
        assertThat(created.isRoot()).isTrue();
        assertThat(sessions().session(created.id())).contains(created);
        assertThat(sessions().listSessions()).extracting(SessionInfo::id).contains(created.id());
    }

    @Test
    void aNewSessionIsIdleWithoutTodos() {
        SessionInfo created = sessions().createSession(new NewSession("contract: fresh", directory()));

        assertThat(sessions().statuses()).doesNotContainKey(created.id());
        assertThat(sessions().todos(created.id())).isEmpty();
        assertThat(sessions().latestAnswerText(created.id())).isEmpty();
    }

    @Test
    void aDeletedSessionIsGoneAndDeletingItAgainIsNotFound() {
        SessionInfo doomed = sessions().createSession(new NewSession("contract: doomed", directory()));

        sessions().deleteSession(doomed.id());

        assertThat(sessions().session(doomed.id())).isEmpty();
        assertThat(sessions().listSessions()).extracting(SessionInfo::id).doesNotContain(doomed.id());
        assertThatThrownBy(() -> sessions().deleteSession(doomed.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anUnknownSessionIsEmptyAndUsingItIsNotFound() {
        assertThat(sessions().session(UNKNOWN_SESSION)).isEmpty();
        assertThatThrownBy(() -> sessions().sendPrompt(UNKNOWN_SESSION, Prompt.text("anyone?")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> sessions().messages(UNKNOWN_SESSION)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> sessions().todos(UNKNOWN_SESSION)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void stoppingASessionThatIsNotRunningIsHarmlessAndLeavesItIdle() {
        SessionInfo session = sessions().createSession(new NewSession("contract: idle stop", directory()));

        sessions().abort(session.id());

        assertThat(sessions().statuses()).doesNotContainKey(session.id());
        assertThat(sessions().session(session.id())).isPresent();
    }

    @Test
    void answeringAPermissionOrQuestionThatIsNotPendingIsNotFound() {
        SessionInfo session = sessions().createSession(new NewSession("contract: nothing pending", directory()));
        PermissionRequest permission = new PermissionRequest(new PermissionId("per_00000000000000000000000000"),
                session.id(), "bash", List.of("ls"), List.of(), Map.of());
        QuestionRequest question = new QuestionRequest(new QuestionId("que_00000000000000000000000000"),
                session.id(), List.of());

        assertThatThrownBy(() -> sessions().answerPermission(permission, PermissionReply.ONCE, null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> sessions().answerQuestion(question, List.of(List.of("yes"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> sessions().rejectQuestion(question)).isInstanceOf(NotFoundException.class);
        assertThat(sessions().pendingPermissions()).noneMatch(pending -> pending.id().equals(permission.id()));
        assertThat(sessions().pendingQuestions()).noneMatch(pending -> pending.id().equals(question.id()));
    }

    @Test
    void aNewSessionWaitsOnNoRequest() {
        SessionInfo session = sessions().createSession(new NewSession("contract: no requests", directory()));

        assertThat(sessions().pendingPermissionsOf(session.id())).isEmpty();
        assertThat(sessions().pendingQuestionsOf(session.id())).isEmpty();
    }

    @Test
    void theRequestsOfAnUnknownSessionAreNotFound() {
        assertThatThrownBy(() -> sessions().pendingPermissionsOf(UNKNOWN_SESSION)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> sessions().pendingQuestionsOf(UNKNOWN_SESSION)).isInstanceOf(NotFoundException.class);
    }
}
