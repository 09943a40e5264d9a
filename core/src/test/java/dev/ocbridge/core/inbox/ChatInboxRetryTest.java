package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Posts that fail while the chat server is briefly unavailable are handled later, in order, at most once. */
class ChatInboxRetryTest {
    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();

    @Test
    void aPostWhoseAuthorCannotBeLookedUpReachesItsSessionWhenChatIsBack() {
        ThreadMapping mapping = kit.sessionWithThread("Work");
        kit.chat.failNextUserLookups(1);

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "run the tests");
        assertThat(kit.sessions.promptsTo(mapping.sessionId())).isEmpty();
        kit.scheduler.advance(Duration.ofSeconds(1));

        assertThat(promptMessages(mapping)).containsExactly("run the tests");
    }

    @Test
    void laterPostsOfTheChannelWaitBehindTheRetryAndKeepTheirOrder() {
        ThreadMapping mapping = kit.sessionWithThread("Work");
        kit.chat.failNextUserLookups(1);

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "first");
        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "second");
        assertThat(kit.sessions.promptsTo(mapping.sessionId())).isEmpty();
        kit.scheduler.advance(Duration.ofSeconds(1));

        assertThat(promptMessages(mapping)).containsExactly("first", "second");
    }

    @Test
    void postsWaitingForARetryCanBeReportedAndAreNoLongerOnceHandled() {
        ThreadMapping mapping = kit.sessionWithThread("Work");
        kit.chat.failNextUserLookups(1);

        ChatPost first = kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "first");
        ChatPost second = kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "second");

        assertThat(kit.inbox.postsWaitingForRetry()).containsExactly(first.id(), second.id());
        kit.scheduler.advance(Duration.ofSeconds(1));
        assertThat(kit.inbox.postsWaitingForRetry()).isEmpty();
    }

    @Test
    void aPostWaitsThroughAnOutageOfAnHourAndReachesItsSessionOnceChatIsBack() {
        ThreadMapping mapping = kit.sessionWithThread("Work");
        kit.chat.failNextUserLookups(Integer.MAX_VALUE);
        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "sent while chat is down");

        kit.scheduler.advance(Duration.ofHours(1));
        assertThat(kit.sessions.promptsTo(mapping.sessionId())).isEmpty();
        kit.chat.failNextUserLookups(0);
        kit.scheduler.advance(Duration.ofSeconds(30));

        assertThat(promptMessages(mapping)).containsExactly("sent while chat is down");
    }

    @Test
    void aPostRefusedForGoodIsGivenUpAndTheThreadIsServedAgain() {
        ThreadMapping mapping = kit.sessionWithThread("Work");
        kit.chat.refuseNextUserLookups(1);
        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "refused");

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "after the refusal");

        assertThat(kit.scheduler.pendingTasks()).isZero();
        assertThat(promptMessages(mapping)).containsExactly("after the refusal");
    }

    @Test
    void aPromptThatMayHaveReachedTheSessionIsNeverSentAgain() {
        ThreadMapping mapping = kit.sessionWithThread("Work");
        kit.sessions.loseTheAnswerToTheNextPrompt();
        kit.chat.failNextWrites(1);

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "deploy it");
        kit.scheduler.advance(Duration.ofHours(1));

        assertThat(promptMessages(mapping)).containsExactly("deploy it");
    }

    @Test
    void postsThePolicyRefusesWithoutTheAuthorsProfileCostNoLookup() {
        kit.userPosts(kit.bob, kit.bobDm, null, "a stranger's post");
        kit.userPostsInAGroup(kit.alice, "in a group");

        assertThat(kit.chat.userLookups()).isZero();
        assertThat(kit.sessions.listSessions()).isEmpty();
    }

    /** The person's words at the end of each prompt the session got, after the reply-context header. */
    private List<String> promptMessages(ThreadMapping mapping) {
        return kit.promptTextsTo(mapping.sessionId()).stream()
                .map(text -> text.substring(text.lastIndexOf("]\n") + 2))
                .toList();
    }
}
