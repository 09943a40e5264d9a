package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedChannel;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedUser;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatFile;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.DownloadedFile;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.RejectedRequestException;
import dev.ocbridge.core.error.UnauthorizedException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.testing.FakeMetricsPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MattermostChatAdapterIT {
    private final MattermostFixture fixture = new MattermostFixture();
    private final ChatPort chat = fixture.chat();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void knowsItsOwnBotAccount() {
        ChatUser me = chat.me();

        assertThat(me).isEqualTo(new ChatUser(new UserId(fixture.bot.id()), "bridge-bot", true));
    }

    @Test
    void looksUpUsersByIdAndByUsername() {
        assertThat(chat.user(new UserId(fixture.alice.id())))
                .isEqualTo(new ChatUser(new UserId(fixture.alice.id()), "alice", false));
        assertThat(chat.userByUsername("@alice")).map(ChatUser::id).contains(new UserId(fixture.alice.id()));
        assertThat(chat.userByUsername("nobody")).isEmpty();
    }

    @Test
    void aHundredPostsByOneAuthorAreOneUserLookup() {
        UserId alice = new UserId(fixture.alice.id());

        for (int i = 0; i < 100; i++) {
            chat.user(alice);
        }

        assertThat(fixture.emulator.requestCount("GET /users/{user_id}")).isEqualTo(1);
    }

    @Test
    void anUnknownUserIsNotFound() {
        assertThatThrownBy(() -> chat.user(new UserId("abcdefghijklmnopqrstuvwxyz")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("app.user.missing_account.const");
    }

    @Test
    void opensTheDirectChannelWithAUserAsADirectChannel() {
        EmulatedUser bob = fixture.emulator.createUser("bob");

        ChannelId channel = chat.directChannelWith(new UserId(bob.id()));

        assertThat(chat.channel(channel).kind()).isEqualTo(ChannelKind.DIRECT);
        assertThat(chat.channel(channel).name()).contains(bob.id()).contains(fixture.bot.id()).contains("__");
        assertThat(chat.directChannelWith(new UserId(bob.id()))).isEqualTo(channel);
    }

    @Test
    void mapsEveryChannelTypeToItsKind() {
        EmulatedChannel open = fixture.emulator.createChannel("O", "town-square", List.of(fixture.bot));
        EmulatedChannel group = fixture.emulator.createChannel("G", "group", List.of(fixture.bot, fixture.alice));

        assertThat(chat.channel(new ChannelId(open.id())).kind()).isEqualTo(ChannelKind.OPEN);
        assertThat(chat.channel(new ChannelId(group.id())).kind()).isEqualTo(ChannelKind.GROUP);
        assertThat(chat.channel(fixture.dmId).kind()).isEqualTo(ChannelKind.DIRECT);
    }

    @Test
    void createsAPostAndAReplyInItsThread() {
        ChatPost root = chat.createPost(NewPost.inChannel(fixture.dmId, "session started"));
        ChatPost reply = chat.createPost(NewPost.inThread(root.thread(), "first answer"));

        assertThat(root.id().value()).matches("[a-z0-9]{26}");
        assertThat(root.authorId()).isEqualTo(new UserId(fixture.bot.id()));
        assertThat(reply.rootId()).isEqualTo(root.id());
        assertThat(fixture.emulator.threadOf(root.id().value())).extracting(EmulatedPost::message)
                .containsExactly("session started", "first answer");
    }

    @Test
    void aReplyToARootInAnotherChannelIsRejectedWithTheServersError() {
        EmulatedUser bob = fixture.emulator.createUser("bob");
        ChannelId other = chat.directChannelWith(new UserId(bob.id()));
        ChatPost root = chat.createPost(NewPost.inChannel(other, "elsewhere"));

        assertThatThrownBy(() -> chat.createPost(NewPost.inThread(new ThreadRef(fixture.dmId, root.id()), "reply")))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining("api.post.create_post.channel_root_id.app_error")
                .hasMessageContaining("Invalid ChannelId for RootId parameter.");
    }

    @Test
    void editsAPost() {
        ChatPost post = chat.createPost(NewPost.inChannel(fixture.dmId, "draft"));

        ChatPost edited = chat.editPost(post.id(), "final");

        assertThat(edited.message()).isEqualTo("final");
        assertThat(chat.post(post.id()).message()).isEqualTo("final");
        assertThat(fixture.emulator.findPost(post.id().value()).orElseThrow().editAt()).isPositive();
    }

    @Test
    void editsMadeWhileOneIsInFlightAreCoalescedIntoOneRequestWithTheNewestText() throws Exception {
        String patch = "PUT /posts/{post_id}/patch";
        ChatPost post = chat.createPost(NewPost.inChannel(fixture.dmId, "0"));
        MattermostChatAdapter adapter = (MattermostChatAdapter) chat;
        fixture.emulator.holdRequests(patch);
        ExecutorService editors = Executors.newCachedThreadPool();
        List<Future<ChatPost>> edits = new ArrayList<>();
        try {
            edits.add(editors.submit(() -> chat.editPost(post.id(), "1")));
            Eventually.await("the first edit in flight", () -> fixture.emulator.requestCount(patch) == 1);
            for (int i = 2; i <= 20; i++) {
                String text = String.valueOf(i);
                edits.add(editors.submit(() -> chat.editPost(post.id(), text)));
                int editing = i;
                // One at a time, so that the order of the edits, and which one is the newest, is known.
                Eventually.await("edit " + i + " waiting", () -> adapter.editsInProgress(post.id()) == editing);
            }

            fixture.emulator.releaseRequests();
            List<String> answered = new ArrayList<>();
            for (Future<ChatPost> edit : edits) {
                answered.add(edit.get(30, TimeUnit.SECONDS).message());
            }

            assertThat(fixture.emulator.findPost(post.id().value()).orElseThrow().message()).isEqualTo("20");
            assertThat(fixture.emulator.requestCount(patch)).as("the edit in flight, then one with the newest text")
                    .isEqualTo(2);
            assertThat(answered.get(0)).isEqualTo("1");
            assertThat(answered.subList(1, 20)).containsOnly("20");
        } finally {
            fixture.emulator.releaseRequests();
            editors.shutdownNow();
        }
    }

    @Test
    void readsAThreadOldestFirst() {
        EmulatedPost root = fixture.emulator.post(fixture.alice, fixture.dm.id(), "question");
        fixture.emulator.reply(fixture.bot, fixture.dm.id(), root.id(), "answer 1");
        fixture.emulator.reply(fixture.alice, fixture.dm.id(), root.id(), "follow-up");

        List<ChatPost> thread = chat.thread(new PostId(root.id()));

        assertThat(thread).extracting(ChatPost::message).containsExactly("question", "answer 1", "follow-up");
    }

    @Test
    void listsPostsCreatedSinceATimeOldestFirstWithoutEditedOldOnesOrDeletedOnes() {
        EmulatedPost old = fixture.emulator.post(fixture.alice, fixture.dm.id(), "old");
        Instant since = Instant.ofEpochMilli(old.createAt());
        EmulatedPost gone = fixture.emulator.post(fixture.alice, fixture.dm.id(), "gone");
        fixture.emulator.post(fixture.alice, fixture.dm.id(), "new 1");
        fixture.emulator.post(fixture.bot, fixture.dm.id(), "new 2");
        fixture.emulator.edit(fixture.alice, old.id(), "old, edited");
        fixture.emulator.delete(fixture.alice, gone.id());

        List<ChatPost> posts = chat.postsSince(fixture.dmId, since);

        assertThat(posts).extracting(ChatPost::message).containsExactly("new 1", "new 2");
    }

    @Test
    void listsEveryPostOfAChannelSinceTheEpochNotJustTheNewestPage() {
        for (int i = 1; i <= 61; i++) {
            fixture.emulator.post(fixture.alice, fixture.dm.id(), "post " + i);
        }

        List<ChatPost> posts = chat.postsSince(fixture.dmId, Instant.EPOCH);

        assertThat(posts).hasSize(61);
        assertThat(posts.get(0).message()).isEqualTo("post 1");
    }

    @Test
    void deletesAPost() {
        ChatPost post = chat.createPost(NewPost.inChannel(fixture.dmId, "oops"));

        chat.deletePost(post.id());

        assertThat(fixture.emulator.findPost(post.id().value()).orElseThrow().deleted()).isTrue();
        assertThatThrownBy(() -> chat.post(post.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void addsAndRemovesAReaction() {
        EmulatedPost post = fixture.emulator.post(fixture.alice, fixture.dm.id(), "approve?");

        chat.addReaction(new PostId(post.id()), "white_check_mark");
        assertThat(fixture.emulator.reactionsOn(post.id())).singleElement()
                .satisfies(r -> assertThat(r.emojiName()).isEqualTo("white_check_mark"))
                .satisfies(r -> assertThat(r.userId()).isEqualTo(fixture.bot.id()));

        chat.removeReaction(new PostId(post.id()), "white_check_mark");
        assertThat(fixture.emulator.reactionsOn(post.id())).isEmpty();
    }

    @Test
    void uploadsAFileAttachesItToAPostAndDownloadsIt() {
        byte[] content = "diff --git a/x b/x\n".getBytes(StandardCharsets.UTF_8);

        ChatFile uploaded = chat.uploadFile(fixture.dmId, "change.txt", content);
        ChatPost post = chat.createPost(new NewPost(fixture.dmId, null, "the patch", List.of(uploaded.id())));
        DownloadedFile downloaded = chat.downloadFile(uploaded.id(), 1024);

        assertThat(uploaded.size()).isEqualTo(content.length);
        assertThat(uploaded.name()).isEqualTo("change.txt");
        assertThat(post.fileIds()).containsExactly(uploaded.id());
        assertThat(chat.fileInfo(uploaded.id()).mimeType()).isEqualTo("text/plain");
        assertThat(downloaded.content()).isEqualTo(content);
    }

    @Test
    void refusesToDownloadAFileLargerThanAllowedWithoutDownloadingIt() {
        ChatFile uploaded = chat.uploadFile(fixture.dmId, "big.bin", new byte[2048]);

        assertThatThrownBy(() -> chat.downloadFile(uploaded.id(), 1024)).isInstanceOf(RejectedRequestException.class);
        assertThat(fixture.emulator.requestCount("GET /files/{file_id}")).isZero();
    }

    @Test
    void acceptsAPostOfExactlyTheMaximumLength() {
        String longest = "x".repeat(16_383);

        ChatPost post = chat.createPost(NewPost.inChannel(fixture.dmId, longest));

        assertThat(post.message()).hasSize(16_383);
        assertThat(chat.maxPostLength()).isEqualTo(16_383);
    }

    @Test
    void refusesAPostOneCharacterOverTheMaximumBeforeSendingIt() {
        String tooLong = "x".repeat(16_384);

        assertThatThrownBy(() -> chat.createPost(NewPost.inChannel(fixture.dmId, tooLong)))
                .isInstanceOf(RejectedRequestException.class);
        assertThat(fixture.emulator.requestCount("POST /posts")).isZero();
    }

    @Test
    void countsTheLimitInCharactersNotInUtf16Units() {
        String emoji = "\uD83D\uDE00".repeat(16_383);

        ChatPost post = chat.createPost(NewPost.inChannel(fixture.dmId, emoji));

        assertThat(post.message().codePointCount(0, post.message().length())).isEqualTo(16_383);
    }

    @Test
    void aBadTokenIsUnauthorizedAndTheTokenStaysOutOfTheError() {
        try (MattermostConnection wrong = MattermostConnection.open(fixture.settings("wrongtoken123"),
                MattermostFixture.FAST, new FakeMetricsPort())) {
            assertThatThrownBy(() -> wrong.chat().me())
                    .isInstanceOf(UnauthorizedException.class)
                    .hasMessageContaining("api.context.session_expired.app_error")
                    .hasMessageNotContaining("wrongtoken123");
        }
    }

    @Test
    void givesAPermalinkThatOpensThePost() {
        ChatPost post = chat.createPost(NewPost.inChannel(fixture.dmId, "look"));

        assertThat(chat.permalink(post.id()))
                .isEqualTo(fixture.emulator.serverUrl() + "/_redirect/pl/" + post.id().value());
    }
}
