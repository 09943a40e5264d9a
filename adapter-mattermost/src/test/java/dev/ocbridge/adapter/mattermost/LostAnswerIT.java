package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.port.out.ChatPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Requests the server carried out whose answer never came back: asking again must not do the work twice. */
class LostAnswerIT {
    private static final String CREATE = "POST /posts";

    private final MattermostFixture fixture = new MattermostFixture();
    private final ChatPort chat = fixture.chat();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aCreatePostResponseLostAfterTheServerStoredItMakesNoDuplicate() {
        fixture.emulator.loseAnswers(CREATE, 1);

        ChatPost created = chat.createPost(NewPost.inChannel(fixture.dmId, "said once"));

        assertThat(fixture.emulator.requestCount(CREATE)).isEqualTo(2);
        assertThat(fixture.emulator.postsIn(fixture.dm.id())).extracting(p -> p.id(), p -> p.message())
                .containsExactly(tuple(created.id().value(), "said once"));
    }

    @Test
    void aReplyWhoseAnswersWereLostTwiceIsStillStoredOnceInItsThread() {
        ChatPost root = chat.createPost(NewPost.inChannel(fixture.dmId, "root"));
        fixture.emulator.loseAnswers(CREATE, 2);

        ChatPost reply = chat.createPost(NewPost.inThread(root.thread(), "the reply"));

        assertThat(reply.rootId()).isEqualTo(root.id());
        assertThat(fixture.emulator.postsIn(fixture.dm.id())).extracting(p -> p.message())
                .containsExactly("root", "the reply");
    }

    @Test
    void theSameTextPostedTwiceOnPurposeIsTwoPosts() {
        chat.createPost(NewPost.inChannel(fixture.dmId, "again"));
        chat.createPost(NewPost.inChannel(fixture.dmId, "again"));

        assertThat(fixture.emulator.postsIn(fixture.dm.id())).extracting(p -> p.message())
                .containsExactly("again", "again");
    }
}
