package dev.ocbridge.core.testing;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatFile;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.DownloadedFile;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PostOrigin;
import dev.ocbridge.core.domain.Reaction;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.RejectedRequestException;
import dev.ocbridge.core.port.out.ChatPort;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ChatPort} does, run against the fake and each real chat adapter: subclass it, give the port
 * (signed in as the bot) and say how a person joins and posts.
 */
public abstract class ChatPortContract {
    private ChatPort chat;
    private ChatUser person;
    private ChannelId dm;

    /** The port under test, acting as the bot account. */
    protected abstract ChatPort chat();

    /** Creates a person (not a bot) the bot can talk to; usernames are unique within one test. */
    protected abstract ChatUser newPerson(String username);

    /** The person posts as a chat client would; {@code root} null posts at the top of the channel. */
    protected abstract ChatPost postAsPerson(ChatUser author, ChannelId channel, PostId root, String message);

    /**
     * A program posts in the person's name into a channel the person is in, at the top: the way an incoming
     * webhook or an integration the person set up does it on the real chat server.
     */
    protected abstract ChatPost postByAutomation(ChatUser onBehalfOf, ChannelId channel, String message);

    /** The emoji names of the reactions on a post, whoever made them. */
    protected abstract Set<String> reactionsOn(PostId post);

    /** The person reacts to a post as a chat client would. */
    protected abstract void reactAsPerson(ChatUser person, PostId post, String emojiName);

    /** Whether the people in the thread have been shown that the bot is working there. */
    protected abstract boolean workShownIn(ThreadRef thread);

    /** Connects what the port needs to show live signs of work, such as the chat's live connection. */
    protected void connectLive() {
    }

    /** Lets time pass between two posts, for implementations whose clock only moves when told. */
    protected void timePasses() {
    }

    @BeforeEach
    void meetAPerson() {
        chat = chat();
        person = newPerson("alice");
        dm = chat.directChannelWith(person.id());
    }

    @Test
    void theBotKnowsItsOwnAccount() {
        ChatUser me = chat.me();

        assertThat(me.bot()).isTrue();
        assertThat(chat.user(me.id())).isEqualTo(me);
    }

    @Test
    void findsAPersonByIdAndByUsername() {
        assertThat(chat.user(person.id())).isEqualTo(person);
        assertThat(chat.userByUsername(person.username())).contains(person);
    }

    @Test
    void anUnknownUsernameFindsNobody() {
        assertThat(chat.userByUsername("nobody-by-this-name")).isEmpty();
    }

    @Test
    void theDirectChannelWithAPersonIsDirectAndAlwaysTheSame() {
        assertThat(chat.channel(dm).kind()).isEqualTo(ChannelKind.DIRECT);
        assertThat(chat.directChannelWith(person.id())).isEqualTo(dm);
    }

    @Test
    void theBotsDirectChannelsIncludeTheOneWithEachPerson() {
        ChannelId other = chat.directChannelWith(newPerson("bob").id());

        assertThat(chat.botDirectChannels()).contains(dm, other);
    }

    @Test
    void theNewestPostOfAChannelIsWhereItsLastPostStandsAndAnEmptyChannelHasNone() {
        assertThat(chat.newestPost(dm)).isEmpty();
        postAsPerson(person, dm, null, "first");
        timePasses();
        ChatPost last = postAsPerson(person, dm, null, "second");

        assertThat(chat.newestPost(dm)).contains(new ChannelCursor(last.id(), last.createdAt()));
    }

    @Test
    void aCreatedPostReadsBackAsTheBotsPost() {
        ChatPost created = chat.createPost(NewPost.inChannel(dm, "hello"));

        ChatPost read = chat.post(created.id());
        assertThat(read.message()).isEqualTo("hello");
        assertThat(read.authorId()).isEqualTo(chat.me().id());
        assertThat(read.channelId()).isEqualTo(dm);
        assertThat(read.isReply()).isFalse();
    }

    @Test
    void aPersonsPostIsTheirsAndMarkedAsWrittenByAPerson() {
        ChatPost posted = postAsPerson(person, dm, null, "typed by hand");

        ChatPost read = chat.post(posted.id());
        assertThat(read.authorId()).isEqualTo(person.id());
        assertThat(read.origin()).isEqualTo(PostOrigin.PERSON);
        assertThat(chat.postsSince(dm, Instant.EPOCH)).extracting(ChatPost::origin).containsExactly(PostOrigin.PERSON);
    }

    @Test
    void aPostAProgramMadeInAPersonsNameIsMarkedAsAutomation() {
        ChatPost posted = postByAutomation(person, dm, "deploy finished");

        ChatPost read = chat.post(posted.id());
        assertThat(read.authorId()).isEqualTo(person.id());
        assertThat(read.origin()).isEqualTo(PostOrigin.AUTOMATION);
        assertThat(chat.postsSince(dm, Instant.EPOCH)).extracting(ChatPost::origin)
                .containsExactly(PostOrigin.AUTOMATION);
    }

    @Test
    void creatingTheSamePostAgainReturnsThePostCreatedFirst() {
        NewPost post = NewPost.inChannel(dm, "said once");

        ChatPost first = chat.createPost(post);
        ChatPost again = chat.createPost(post);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(chat.postsSince(dm, Instant.EPOCH)).extracting(ChatPost::message).containsExactly("said once");
    }

    @Test
    void twoPostsWithTheSameTextAreTwoPosts() {
        chat.createPost(NewPost.inChannel(dm, "twice"));
        chat.createPost(NewPost.inChannel(dm, "twice"));

        assertThat(chat.postsSince(dm, Instant.EPOCH)).extracting(ChatPost::message).containsExactly("twice", "twice");
    }

    @Test
    void theBotsOwnPostsAreMarkedAsAutomation() {
        ChatPost created = chat.createPost(NewPost.inChannel(dm, "from the bot"));

        assertThat(created.origin()).isEqualTo(PostOrigin.AUTOMATION);
        assertThat(chat.post(created.id()).origin()).isEqualTo(PostOrigin.AUTOMATION);
    }

    @Test
    void aThreadHoldsItsRootAndRepliesOldestFirst() {
        ChatPost root = chat.createPost(NewPost.inChannel(dm, "root"));
        timePasses();
        postAsPerson(person, dm, root.id(), "question");
        timePasses();
        ChatPost answer = chat.createPost(NewPost.inThread(root.thread(), "answer"));

        assertThat(answer.rootId()).isEqualTo(root.id());
        assertThat(chat.thread(root.id())).extracting(ChatPost::message).containsExactly("root", "question", "answer");
    }

    @Test
    void aReplyToARootInAnotherChannelIsRejected() {
        ChannelId other = chat.directChannelWith(newPerson("bob").id());
        ChatPost elsewhere = chat.createPost(NewPost.inChannel(other, "elsewhere"));

        assertThatThrownBy(() -> chat.createPost(NewPost.inThread(new ThreadRef(dm, elsewhere.id()), "reply")))
                .isInstanceOf(RejectedRequestException.class);
    }

    @Test
    void anEditReplacesTheMessage() {
        ChatPost post = chat.createPost(NewPost.inChannel(dm, "draft"));

        ChatPost edited = chat.editPost(post.id(), "final");

        assertThat(edited.message()).isEqualTo("final");
        assertThat(chat.post(post.id()).message()).isEqualTo("final");
    }

    @Test
    void aDeletedPostIsNotFound() {
        ChatPost post = chat.createPost(NewPost.inChannel(dm, "oops"));

        chat.deletePost(post.id());

        assertThatThrownBy(() -> chat.post(post.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void postsSinceATimeAreTheLaterOnesOldestFirst() {
        ChatPost before = postAsPerson(person, dm, null, "before");
        Instant since = before.createdAt();
        timePasses();
        postAsPerson(person, dm, null, "after 1");
        timePasses();
        chat.createPost(NewPost.inChannel(dm, "after 2"));

        List<ChatPost> posts = chat.postsSince(dm, since);

        assertThat(posts).extracting(ChatPost::message).containsExactly("after 1", "after 2");
    }

    @Test
    void aReactionCanBeAddedAndRemoved() {
        ChatPost post = postAsPerson(person, dm, null, "approve?");

        chat.addReaction(post.id(), "white_check_mark");
        assertThat(reactionsOn(post.id())).containsExactly("white_check_mark");

        chat.removeReaction(post.id(), "white_check_mark");
        assertThat(reactionsOn(post.id())).isEmpty();
    }

    @Test
    void theReactionsOfAPostNameWhoReactedWithWhatOldestFirst() {
        ChatPost post = chat.createPost(NewPost.inChannel(dm, "allow?"));
        chat.addReaction(post.id(), "+1");
        timePasses();
        reactAsPerson(person, post.id(), "white_check_mark");

        List<Reaction> reactions = chat.reactions(post.id());

        assertThat(reactions).extracting(Reaction::emojiName).containsExactly("+1", "white_check_mark");
        assertThat(reactions).extracting(Reaction::userId).containsExactly(chat.me().id(), person.id());
        assertThat(reactions).allSatisfy(reaction -> {
            assertThat(reaction.postId()).isEqualTo(post.id());
            assertThat(reaction.createdAt()).isAfterOrEqualTo(post.createdAt());
        });
        assertThat(reactions.get(1).createdAt()).isAfter(reactions.get(0).createdAt());
    }

    @Test
    void aPostWithoutReactionsHasNone() {
        ChatPost post = chat.createPost(NewPost.inChannel(dm, "quiet"));

        assertThat(chat.reactions(post.id())).isEmpty();
    }

    @Test
    void anUploadedFileAttachesToAPostAndDownloadsIntact() {
        byte[] content = "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8);

        ChatFile file = chat.uploadFile(dm, "notes.txt", content);
        ChatPost post = chat.createPost(new NewPost(dm, null, "notes attached", List.of(file.id())));
        DownloadedFile downloaded = chat.downloadFile(file.id(), content.length);

        assertThat(post.fileIds()).containsExactly(file.id());
        assertThat(chat.fileInfo(file.id()).name()).isEqualTo("notes.txt");
        assertThat(chat.fileInfo(file.id()).size()).isEqualTo(content.length);
        assertThat(downloaded.content()).isEqualTo(content);
    }

    @Test
    void aFileLargerThanAllowedIsRefused() {
        ChatFile file = chat.uploadFile(dm, "big.bin", new byte[100]);

        assertThatThrownBy(() -> chat.downloadFile(file.id(), 99)).isInstanceOf(RejectedRequestException.class);
    }

    @Test
    void aPostOfTheMaximumLengthIsAccepted() {
        String longest = "x".repeat(chat.maxPostLength());

        assertThat(chat.createPost(NewPost.inChannel(dm, longest)).message()).isEqualTo(longest);
    }

    @Test
    void aPostOverTheMaximumLengthIsRefusedAndNothingIsPosted() {
        String tooLong = "x".repeat(chat.maxPostLength() + 1);

        assertThatThrownBy(() -> chat.createPost(NewPost.inChannel(dm, tooLong)))
                .isInstanceOf(RejectedRequestException.class);
        assertThat(chat.postsSince(dm, Instant.EPOCH)).isEmpty();
    }

    @Test
    void anEditOverTheMaximumLengthIsRefusedAndTheMessageKept() {
        ChatPost post = chat.createPost(NewPost.inChannel(dm, "short"));

        assertThatThrownBy(() -> chat.editPost(post.id(), "x".repeat(chat.maxPostLength() + 1)))
                .isInstanceOf(RejectedRequestException.class);
        assertThat(chat.post(post.id()).message()).isEqualTo("short");
    }

    @Test
    void showingWorkInAThreadPostsNothing() {
        ChatPost root = chat.createPost(NewPost.inChannel(dm, "working on it"));

        chat.showWorking(root.thread());

        assertThat(chat.thread(root.id())).extracting(ChatPost::id).containsExactly(root.id());
    }

    @Test
    void thePeopleInAThreadAreShownThatTheBotWorksThere() throws InterruptedException {
        connectLive();
        ChatPost root = chat.createPost(NewPost.inChannel(dm, "working on it"));

        chat.showWorking(root.thread());

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!workShownIn(root.thread()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(workShownIn(root.thread())).as("work shown in the thread within 10 s").isTrue();
    }

    @Test
    void thePermalinkOfAPostNamesIt() {
        ChatPost post = chat.createPost(NewPost.inChannel(dm, "link me"));

        assertThat(chat.permalink(post.id())).contains(post.id().value());
    }
}
