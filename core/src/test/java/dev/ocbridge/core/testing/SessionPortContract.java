package dev.ocbridge.core.testing;

import dev.ocbridge.core.domain.AgentInfo;
import dev.ocbridge.core.domain.ModelInfo;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.PermissionId;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.PromptDelivery;
import dev.ocbridge.core.domain.PromptId;
import dev.ocbridge.core.domain.PromptPart;
import dev.ocbridge.core.domain.QuestionId;
import dev.ocbridge.core.domain.QuestionRequest;
import dev.ocbridge.core.domain.ServerPaths;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.RejectedRequestException;
import dev.ocbridge.core.port.out.SessionPort;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

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

    /** Another existing directory, of another project than {@link #directory()}. */
    protected abstract String anotherDirectory();

    /** An absolute path that does not exist on the server's machine. */
    protected abstract String missingDirectory();

    /** Lets enough time pass that the server's clock tells a session created before from one created after. */
    protected abstract void letTimePass();

    @Test
    void aSessionCreatedWithoutADirectoryWorksWhereTheServerWorks() {
        SessionInfo created = sessions().createSession(new NewSession("contract: server's own", null));

        assertThat(created.directory()).isEqualTo(sessions().serverDirectory());
        assertThat(ServerPaths.isAbsolute(created.directory())).isTrue();
    }

    @Test
    void aSessionIsNotCreatedInADirectoryThatIsMissingOnTheServer() {
        assertThatThrownBy(() -> sessions().createSession(new NewSession("contract: nowhere", missingDirectory())))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining(missingDirectory());

        assertThat(sessions().recentRootSessions(Instant.EPOCH, 1000))
                .noneMatch(session -> session.directory().equals(missingDirectory()));
    }

    @Test
    void recentRootSessionsSpanEveryProjectNewestFirst() {
        SessionInfo here = sessions().createSession(new NewSession("contract: here", directory()));
        letTimePass();
        SessionInfo elsewhere = sessions().createSession(new NewSession("contract: elsewhere", anotherDirectory()));

        List<SessionId> listed = sessions().recentRootSessions(here.updatedAt(), 1000).stream()
                .map(SessionInfo::id).toList();

        assertThat(listed).containsSubsequence(elsewhere.id(), here.id());
    }

    @Test
    void recentRootSessionsStopAtTheGivenTimeAndAtTheLimit() {
        SessionInfo oldest = sessions().createSession(new NewSession("contract: oldest", directory()));
        letTimePass();
        SessionInfo middle = sessions().createSession(new NewSession("contract: middle", anotherDirectory()));
        letTimePass();
        SessionInfo newest = sessions().createSession(new NewSession("contract: newest", directory()));

        assertThat(sessions().recentRootSessions(middle.updatedAt(), 1000)).extracting(SessionInfo::id)
                .contains(middle.id(), newest.id()).doesNotContain(oldest.id());
        assertThat(sessions().recentRootSessions(oldest.updatedAt(), 1)).extracting(SessionInfo::id)
                .containsExactly(newest.id());
    }

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
    void aNewSessionHasChangedNoFiles() {
        SessionInfo created = sessions().createSession(new NewSession("contract: untouched", directory()));

        assertThat(sessions().changes(created.id())).isEmpty();
    }

    @Test
    void aPromptWithAModelAndAnAgentTheServerOffersIsTakenAndItsModelStaysTheSessions() {
        // A model of the default's provider: other providers may be real services on the internet.
        ModelRef fallback = sessions().serverDefaults().chosenModel().orElseThrow();
        ModelRef offered = sessions().providers().stream().flatMap(provider -> provider.models().stream())
                .map(ModelInfo::ref)
                .filter(model -> model.providerId().equals(fallback.providerId()) && !model.equals(fallback))
                .findFirst().orElse(fallback);
        String agent = sessions().agents().stream().filter(AgentInfo::selectable).map(AgentInfo::name)
                .findFirst().orElseThrow();
        SessionInfo created = sessions().createSession(new NewSession("contract: chosen model", directory()));

        sessions().sendPrompt(created.id(), new Prompt(PromptId.fresh(), List.of(new PromptPart.Text("hi")), offered,
                agent, PromptDelivery.STEER));

        assertThat(awaitSession(created.id(), session -> session.currentModel().isPresent()).currentModel())
                .contains(offered);
    }

    @Test
    void theServerOffersSelectableAgentsAndDefaultsToOneOfThemAndToAnOfferedModel() {
        List<String> selectable = sessions().agents().stream().filter(AgentInfo::selectable).map(AgentInfo::name)
                .toList();
        List<ModelRef> models = sessions().providers().stream().flatMap(provider -> provider.models().stream())
                .map(ModelInfo::ref).toList();

        assertThat(selectable).isNotEmpty();
        assertThat(sessions().serverDefaults().chosenAgent()).hasValueSatisfying(
                agent -> assertThat(selectable).contains(agent));
        assertThat(sessions().serverDefaults().chosenModel()).hasValueSatisfying(
                model -> assertThat(models).contains(model));
    }

    /** The server may take a moment to record what a prompt changed. */
    protected SessionInfo awaitSession(SessionId id, Predicate<SessionInfo> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            SessionInfo session = sessions().session(id).orElseThrow();
            if (condition.test(session) || System.nanoTime() > deadline) {
                return session;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return session;
            }
        }
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
        assertThatThrownBy(() -> sessions().changes(UNKNOWN_SESSION)).isInstanceOf(NotFoundException.class);
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
