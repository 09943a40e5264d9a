package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.PermissionId;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import dev.ocbridge.core.testing.Gate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent asks for permission; the thread shows it and takes the answer. */
class PermissionsInChatTest {
    private CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final ThreadMapping mapping = kit.sessionWithThread("Work");

    private PermissionRequest bash(String id, String command) {
        return new PermissionRequest(new PermissionId(id), mapping.sessionId(), "bash", List.of(command),
                List.of("echo *"), Map.of("command", command));
    }

    /** The server asks: the request is pending there and announced. */
    private PermissionRequest asks(PermissionRequest request) {
        kit.sessions.addPermission(request);
        kit.agentReports(new SessionEvent.PermissionAsked(request));
        return request;
    }

    private ChatPost postOf(PermissionRequest request) {
        return kit.chat.postsIn(kit.aliceDm).stream()
                .filter(post -> post.message().contains("asks for permission"))
                .filter(post -> post.message().contains(request.details().get("command")))
                .findFirst().orElseThrow();
    }

    private String textOf(PermissionRequest request) {
        return kit.chat.post(postOf(request).id()).message();
    }

    @Test
    void aRequestIsPostedInTheSessionsThreadNamingTheUserTheCommandAndWhatAlwaysAllows() {
        PermissionRequest request = asks(bash("per_1", "echo hi; sleep 2"));

        ChatPost post = postOf(request);
        assertThat(post.thread()).isEqualTo(mapping.thread());
        assertThat(post.message()).startsWith("@alice ").contains("`bash`", "```\necho hi; sleep 2\n```",
                "`echo *` for this project, in every session, until the OpenCode server restarts", ":+1:", "`yes`");
        assertThat(kit.chat.reactionsOn(post.id())).containsExactlyInAnyOrder("+1", "white_check_mark", "-1");
    }

    @Test
    void thumbsUpAllowsOnceAndThePostSaysWhoAnswered() {
        PermissionRequest request = asks(bash("per_1", "echo hi"));

        kit.userReacts(kit.alice, postOf(request).id(), "+1");

        assertThat(kit.sessions.permissionReplies()).containsEntry(request, PermissionReply.ONCE);
        assertThat(textOf(request)).contains("echo hi", "**Allowed once** by @alice in Mattermost")
                .doesNotContain("React :+1:");
    }

    @Test
    void theCheckMarkAllowsAlwaysAndThePostSaysWhatForThumbsDownRejects() {
        PermissionRequest always = asks(bash("per_1", "echo one"));
        PermissionRequest never = asks(bash("per_2", "echo two"));

        kit.userReacts(kit.alice, postOf(always).id(), "white_check_mark");
        kit.userReacts(kit.alice, postOf(never).id(), "-1");

        assertThat(kit.sessions.permissionReplies()).containsEntry(always, PermissionReply.ALWAYS)
                .containsEntry(never, PermissionReply.REJECT);
        assertThat(textOf(always)).contains("**Allowed always** by @alice in Mattermost: `echo *` for this project");
        assertThat(textOf(never)).contains("**Rejected** by @alice in Mattermost.");
    }

    @Test
    void severalRequestsAreAnsweredEachByItsOwnPost() {
        PermissionRequest first = asks(bash("per_1", "echo one"));
        PermissionRequest second = asks(bash("per_2", "echo two"));

        kit.userReacts(kit.alice, postOf(second).id(), "+1");

        assertThat(kit.sessions.permissionReplies()).containsOnlyKeys(second);
        assertThat(textOf(first)).contains("React :+1:");
        kit.userReacts(kit.alice, postOf(first).id(), "-1");
        assertThat(kit.sessions.permissionReplies()).containsEntry(first, PermissionReply.REJECT);
    }

    @Test
    void aReplyInTheThreadAnswersTheRequestAndIsNoPrompt() {
        PermissionRequest request = asks(bash("per_1", "echo hi"));

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "Yes");

        assertThat(kit.sessions.permissionReplies()).containsEntry(request, PermissionReply.ONCE);
        assertThat(kit.sessions.promptsTo(mapping.sessionId())).isEmpty();
        assertThat(textOf(request)).contains("**Allowed once** by @alice");
    }

    @Test
    void otherTextRejectsAndTellsTheAgentWhatToDoInstead() {
        PermissionRequest request = asks(bash("per_1", "rm -rf build"));

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "use mvn clean instead");

        assertThat(kit.sessions.permissionReplies()).containsEntry(request, PermissionReply.REJECT);
        assertThat(kit.sessions.permissionMessages()).containsEntry(request, "use mvn clean instead");
        assertThat(textOf(request)).contains("**Rejected** by @alice in Mattermost, with this for the agent: "
                + "use mvn clean instead");
    }

    @Test
    void aReplyAnswersTheRequestThatWaitsLongestAndTheNextReplyTheNextOne() {
        PermissionRequest first = asks(bash("per_1", "echo one"));
        PermissionRequest second = asks(bash("per_2", "echo two"));

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "no");
        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "always");
        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "and now carry on");

        assertThat(kit.sessions.permissionReplies()).containsEntry(first, PermissionReply.REJECT)
                .containsEntry(second, PermissionReply.ALWAYS);
        assertThat(kit.promptTextsTo(mapping.sessionId())).singleElement().satisfies(prompt ->
                assertThat(prompt).endsWith("and now carry on"));
    }

    @Test
    void aReplySentWhileTheRequestIsBeingPostedAnswersItOnceItIsPosted() throws InterruptedException {
        Gate slowChat = new Gate();
        kit.chat.holdPosts(slowChat);
        PermissionRequest request = bash("per_1", "echo hi");
        kit.sessions.addPermission(request);
        Thread asking = new Thread(() -> kit.agentReports(new SessionEvent.PermissionAsked(request)));
        asking.start();
        slowChat.awaitArrival();

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "yes");
        slowChat.open();
        asking.join(10_000);

        assertThat(kit.sessions.permissionReplies()).containsEntry(request, PermissionReply.ONCE);
        assertThat(kit.sessions.promptsTo(mapping.sessionId())).isEmpty();
        assertThat(textOf(request)).contains("**Allowed once** by @alice");
    }

    @Test
    void laterReactionsOnAnAnsweredRequestDoNothing() {
        PermissionRequest request = asks(bash("per_1", "echo hi"));
        kit.userReacts(kit.alice, postOf(request).id(), "-1");
        String answered = textOf(request);

        kit.userReacts(kit.alice, postOf(request).id(), "+1");
        kit.agentReports(new SessionEvent.PermissionReplied(mapping.sessionId(), request.id(), PermissionReply.REJECT));

        assertThat(kit.sessions.permissionReplies()).containsEntry(request, PermissionReply.REJECT);
        assertThat(textOf(request)).isEqualTo(answered);
    }

    @Test
    void theBotsOwnReactionsAStrangersAndAnotherBotsDoNothing() {
        PermissionRequest request = asks(bash("per_1", "echo hi"));
        PostId post = postOf(request).id();

        kit.inbox.onChatEvent(new ChatEvent.ReactionAdded(kit.chat.reactions(post).get(0)));
        kit.userReacts(kit.bob, post, "+1");
        kit.userReacts(kit.otherBot, post, "+1");

        assertThat(kit.sessions.permissionReplies()).isEmpty();
        assertThat(textOf(request)).contains("React :+1:");
    }

    @Test
    void answeredInAnotherClientThePostSaysSo() {
        PermissionRequest request = asks(bash("per_1", "echo hi"));

        kit.agentReports(new SessionEvent.PermissionReplied(mapping.sessionId(), request.id(), PermissionReply.ALWAYS));

        assertThat(textOf(request)).contains("**Allowed always** in another OpenCode client: `echo *`");
        kit.userReacts(kit.alice, postOf(request).id(), "-1");
        assertThat(kit.sessions.permissionReplies()).isEmpty();
    }

    @Test
    void aRequestAskedAgainAfterAReconnectOrRestartIsNotPostedTwice() {
        PermissionRequest request = asks(bash("per_1", "echo hi"));
        kit = kit.restart();

        kit.agentReports(new SessionEvent.PermissionAsked(request));
        kit.agentReports(new SessionEvent.PermissionAsked(request));

        assertThat(kit.chat.postsIn(kit.aliceDm)).filteredOn(post -> post.message().contains("asks for permission"))
                .hasSize(1);
    }

    @Test
    void aReactionOnAPostFromBeforeARestartStillAnswersIt() {
        PermissionRequest request = asks(bash("per_1", "echo hi"));
        kit = kit.restart();

        kit.userReacts(kit.alice, postOf(request).id(), "white_check_mark");

        assertThat(kit.sessions.permissionReplies()).containsEntry(request, PermissionReply.ALWAYS);
        assertThat(textOf(request)).contains("echo hi", "**Allowed always** by @alice");
    }

    @Test
    void aReactionMadeWhileTheChatConnectionWasDownIsActedOnWhenItIsBack() {
        PermissionRequest request = asks(bash("per_1", "echo hi"));
        kit.chat.reactAs(kit.bob, postOf(request).id(), "+1");
        kit.clock.advance(Duration.ofSeconds(1));
        kit.chat.reactAs(kit.alice, postOf(request).id(), "-1");

        kit.inbox.onChatEvent(new ChatEvent.Connected(true));

        assertThat(kit.sessions.permissionReplies()).containsEntry(request, PermissionReply.REJECT).hasSize(1);
    }

    @Test
    void aRequestTheServerNoLongerHasAfterAReconnectIsShownAsNoLongerAsked() {
        PermissionRequest answeredMeanwhile = asks(bash("per_1", "echo gone"));
        PermissionRequest stillWaiting = asks(bash("per_2", "echo here"));
        kit.sessions.answerPermission(answeredMeanwhile, PermissionReply.ONCE, null);

        kit.agentReports(new SessionEvent.StreamConnected(true));

        assertThat(textOf(answeredMeanwhile)).contains("**No longer asked**");
        assertThat(textOf(stillWaiting)).contains("React :+1:");
        assertThat(kit.requests.waiting()).isEqualTo(1);
    }

    @Test
    void whenTheAnswerCannotReachTheServerTheThreadSaysSoAndTheRequestStillWaits() {
        PermissionRequest request = asks(bash("per_1", "echo hi"));
        kit.sessions.failNextAnswers(1);

        kit.userReacts(kit.alice, postOf(request).id(), "+1");

        assertThat(kit.chat.postsIn(kit.aliceDm).get(kit.chat.postsIn(kit.aliceDm).size() - 1).message())
                .contains("Could not pass your answer on to OpenCode");
        kit.clock.advance(Duration.ofSeconds(1));
        kit.userReacts(kit.alice, postOf(request).id(), "white_check_mark");
        assertThat(kit.sessions.permissionReplies()).containsEntry(request, PermissionReply.ALWAYS);
    }

    @Test
    void aRequestPostedWhileTheChatServerIsAwayIsPostedOnceItIsBack() {
        kit.chat.failNextWrites(1);

        PermissionRequest request = asks(bash("per_1", "echo later"));
        assertThat(kit.chat.postsIn(kit.aliceDm)).noneMatch(post -> post.message().contains("echo later"));
        kit.scheduler.advance(Duration.ofSeconds(2));

        assertThat(postOf(request).message()).contains("echo later");
    }

    @Test
    void aRequestWhoseCreateAnswerWasLostIsPostedOnce() {
        kit.chat.loseNextCreateAnswers(1);

        PermissionRequest request = asks(bash("per_1", "echo once"));
        kit.scheduler.advance(Duration.ofSeconds(2));

        assertThat(kit.chat.postsIn(kit.aliceDm)).filteredOn(post -> post.message().contains("echo once")).hasSize(1);
        assertThat(postOf(request).message()).contains("echo once");
    }

    @Test
    void aRequestIsPostedEvenAfterTheChatServerWasAwayForAnHour() {
        kit.chat.failNextWrites(150);

        PermissionRequest request = asks(bash("per_1", "echo patient"));
        kit.scheduler.advance(Duration.ofHours(2));

        assertThat(postOf(request).message()).contains("echo patient");
    }

    @Test
    void aSubAgentsRequestIsShownInTheThreadOfItsRootSession() {
        SessionInfo child = kit.sessions.addSession("Sub task", CoreTestKit.DIRECTORY, mapping.sessionId());
        PermissionRequest request = new PermissionRequest(new PermissionId("per_9"), child.id(), "bash",
                List.of("ls"), List.of("ls *"), Map.of("command", "ls"));

        asks(request);
        kit.userReacts(kit.alice, postOf(request).id(), "+1");

        assertThat(postOf(request).thread()).isEqualTo(mapping.thread());
        assertThat(kit.sessions.permissionReplies()).containsEntry(request, PermissionReply.ONCE);
    }

    @Test
    void whenTheSessionIsDeletedItsRequestsSayTheyWereNotAnswered() {
        PermissionRequest request = asks(bash("per_1", "echo hi"));

        kit.agentReports(new SessionEvent.SessionDeleted(kit.sessions.session(mapping.sessionId()).orElseThrow()));

        assertThat(textOf(request)).contains("**Not answered**: the session ended.");
        assertThat(kit.requests.waiting()).isZero();
    }

    @Test
    void whatTheAgentSaidBeforeItAskedIsPostedAboveTheRequest() {
        kit.agentReports(new SessionEvent.TextDelta(mapping.sessionId(), new MessageId("msg_1"), new PartId("prt_1"),
                TextKind.ANSWER, "I need to run the build first."));

        asks(bash("per_1", "make"));

        assertThat(kit.chat.thread(mapping.thread().root())).extracting(ChatPost::message)
                .filteredOn(message -> message.contains("run the build first") || message.contains("asks for permission"))
                .first().asString().contains("run the build first");
    }

    @Test
    void untrustedTextInTheRequestCannotFormatThePostOrMentionAnyone() {
        asks(bash("per_1", "echo @channel ``` done"));

        assertThat(kit.chat.postsIn(kit.aliceDm)).filteredOn(post -> post.message().contains("asks for permission"))
                .singleElement().satisfies(post -> assertThat(post.message())
                        .contains("\n````\necho @\u200Bchannel ``` done\n````"));
    }
}
