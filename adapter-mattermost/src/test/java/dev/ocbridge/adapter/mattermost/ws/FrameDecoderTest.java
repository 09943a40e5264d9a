package dev.ocbridge.adapter.mattermost.ws;

import com.squareup.moshi.Moshi;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PostOrigin;
import dev.ocbridge.core.domain.Reaction;
import dev.ocbridge.core.domain.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FrameDecoderTest {
    private static final String POST = "{\\\"id\\\":\\\"p1\\\",\\\"create_at\\\":1700000000123,\\\"update_at\\\":1700000000123,"
            + "\\\"edit_at\\\":0,\\\"delete_at\\\":0,\\\"user_id\\\":\\\"u1\\\",\\\"channel_id\\\":\\\"c1\\\","
            + "\\\"root_id\\\":\\\"r1\\\",\\\"message\\\":\\\"hi \\\\\\\"there\\\\\\\"\\\",\\\"type\\\":\\\"\\\","
            + "\\\"props\\\":{},\\\"file_ids\\\":[\\\"f1\\\"],\\\"metadata\\\":{}}";

    private final FrameDecoder decoder = new FrameDecoder(new Moshi.Builder().build());

    @Test
    void decodesAPostedEventWhosePostIsAJsonString() {
        String frame = "{\"event\":\"posted\",\"data\":{\"channel_display_name\":\"@alice\",\"channel_name\":\"a__b\","
                + "\"channel_type\":\"D\",\"post\":\"" + POST + "\",\"sender_name\":\"@alice\",\"team_id\":\"\"},"
                + "\"broadcast\":{\"omit_users\":null,\"user_id\":\"\",\"channel_id\":\"c1\",\"team_id\":\"\"},\"seq\":7}";

        Frame decoded = decoder.decode(frame);

        assertThat(decoded).isInstanceOf(Frame.Event.class);
        Frame.Event event = (Frame.Event) decoded;
        assertThat(event.seq()).isEqualTo(7);
        ChatEvent.MessagePosted posted = (ChatEvent.MessagePosted) event.event();
        assertThat(posted.channelKind()).isEqualTo(ChannelKind.DIRECT);
        assertThat(posted.post().id()).isEqualTo(new PostId("p1"));
        assertThat(posted.post().rootId()).isEqualTo(new PostId("r1"));
        assertThat(posted.post().channelId()).isEqualTo(new ChannelId("c1"));
        assertThat(posted.post().authorId()).isEqualTo(new UserId("u1"));
        assertThat(posted.post().message()).isEqualTo("hi \"there\"");
        assertThat(posted.post().createdAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(posted.post().fileIds()).extracting(f -> f.value()).containsExactly("f1");
        assertThat(posted.post().origin()).isEqualTo(PostOrigin.PERSON);
    }

    @Test
    void aPostAnIncomingWebhookMadeInAPersonsNameIsDecodedAsAutomation() {
        String hooked = POST.replace("\\\"props\\\":{}", "\\\"props\\\":{\\\"from_webhook\\\":\\\"true\\\","
                + "\\\"override_username\\\":\\\"alice\\\"}");
        String frame = "{\"event\":\"posted\",\"data\":{\"channel_type\":\"D\",\"post\":\"" + hooked + "\"},\"seq\":4}";

        Frame.Event event = (Frame.Event) decoder.decode(frame);

        assertThat(hooked).contains("from_webhook");
        ChatEvent.MessagePosted posted = (ChatEvent.MessagePosted) event.event();
        assertThat(posted.post().authorId()).isEqualTo(new UserId("u1"));
        assertThat(posted.post().origin()).isEqualTo(PostOrigin.AUTOMATION);
    }

    @Test
    void decodesAReactionWhosePayloadIsAJsonString() {
        String reaction = "{\\\"user_id\\\":\\\"u1\\\",\\\"post_id\\\":\\\"p1\\\",\\\"emoji_name\\\":\\\"+1\\\","
                + "\\\"create_at\\\":1,\\\"channel_id\\\":\\\"c1\\\"}";
        String frame = "{\"event\":\"reaction_added\",\"data\":{\"reaction\":\"" + reaction + "\"},\"seq\":3}";

        Frame.Event event = (Frame.Event) decoder.decode(frame);

        assertThat(event.event()).isEqualTo(new ChatEvent.ReactionAdded(
                new Reaction(new PostId("p1"), new UserId("u1"), "+1", new ChannelId("c1"))));
    }

    @Test
    void decodesTheReplyToTheAuthenticationChallenge() {
        assertThat(decoder.decode("{\"status\":\"OK\",\"seq_reply\":1}"))
                .isEqualTo(new Frame.Reply(1, true, null, null));
    }

    @Test
    void decodesAFailedReplyWithItsError() {
        assertThat(decoder.decode("{\"status\":\"FAIL\",\"seq_reply\":2,\"error\":{\"id\":\"x.y\",\"message\":\"no\"}}"))
                .isEqualTo(new Frame.Reply(2, false, "x.y", "no"));
    }

    @Test
    void decodesHello() {
        assertThat(decoder.decode("{\"event\":\"hello\",\"data\":{\"server_version\":\"10.5.0\"},\"seq\":0}"))
                .isEqualTo(new Frame.Hello(0, "10.5.0"));
    }

    @Test
    void skipsAnUnknownEventButKeepsItsSequenceNumber() {
        Frame decoded = decoder.decode("{\"event\":\"typing\",\"data\":{\"parent_id\":\"\"},\"seq\":5,\"extra\":true}");

        assertThat(decoded).isInstanceOf(Frame.Skipped.class);
        assertThat(((Frame.Skipped) decoded).seq()).isEqualTo(5);
    }

    @Test
    void skipsAPostedEventWithAnUnreadablePost() {
        Frame decoded = decoder.decode("{\"event\":\"posted\",\"data\":{\"post\":\"{broken\"},\"seq\":9}");

        assertThat(decoded).isInstanceOf(Frame.Skipped.class);
        assertThat(((Frame.Skipped) decoded).seq()).isEqualTo(9);
    }

    @Test
    void skipsAPostedEventWhosePostIsNeitherAStringNorAnObject() {
        assertThat(decoder.decode("{\"event\":\"posted\",\"data\":{\"post\":42},\"seq\":9}"))
                .isInstanceOf(Frame.Skipped.class);
    }

    @Test
    void skipsSystemMessagesTheServerWroteItself() {
        String system = POST.replace("\\\"type\\\":\\\"\\\"", "\\\"type\\\":\\\"system_header_change\\\"");
        String frame = "{\"event\":\"posted\",\"data\":{\"channel_type\":\"D\",\"post\":\"" + system + "\"},\"seq\":4}";

        assertThat(system).contains("system_header_change");
        assertThat(decoder.decode(frame)).isInstanceOf(Frame.Skipped.class);
    }

    @Test
    void readsAPostSentAsAnObjectLeniently() {
        String frame = "{\"event\":\"post_edited\",\"data\":{\"post\":{\"id\":\"p1\",\"create_at\":5,"
                + "\"user_id\":\"u1\",\"channel_id\":\"c1\",\"message\":\"m\"}},\"seq\":2}";

        Frame.Event event = (Frame.Event) decoder.decode(frame);

        assertThat(((ChatEvent.MessageEdited) event.event()).post().message()).isEqualTo("m");
    }

    @Test
    void aPostSentAsAnObjectIsReadExactlyAsThePostSentAsAString() {
        String post = "{\"id\":\"p1\",\"create_at\":5.5,\"user_id\":\"u1\",\"channel_id\":\"c1\",\"message\":\"m\"}";
        String asObject = "{\"event\":\"post_edited\",\"data\":{\"post\":" + post + "},\"seq\":2}";
        String asString = "{\"event\":\"post_edited\",\"data\":{\"post\":\"" + post.replace("\"", "\\\"") + "\"},\"seq\":2}";

        Frame fromObject = decoder.decode(asObject);

        assertThat(fromObject).isInstanceOf(Frame.Skipped.class).isEqualTo(decoder.decode(asString));
    }

    @Test
    void aPostSentAsAnObjectWithAHugeNumberGivenAsTextIsSkippedNotThrown() {
        String frame = "{\"event\":\"post_edited\",\"data\":{\"post\":{\"id\":\"p1\",\"create_at\":\"1e999\","
                + "\"user_id\":\"u1\",\"channel_id\":\"c1\",\"message\":\"m\"}},\"seq\":2}";

        Frame decoded = decoder.decode(frame);

        assertThat(decoded).isInstanceOf(Frame.Skipped.class);
        assertThat(((Frame.Skipped) decoded).seq()).isEqualTo(2);
    }

    @Test
    void decodesAnEventThatCameWithoutASequenceNumber() {
        String frame = "{\"event\":\"posted\",\"data\":{\"channel_type\":\"O\",\"post\":\"" + POST + "\"}}";

        Frame.Event event = (Frame.Event) decoder.decode(frame);

        assertThat(event.seq()).isEqualTo(Frame.NO_SEQ);
        assertThat(((ChatEvent.MessagePosted) event.event()).channelKind()).isEqualTo(ChannelKind.OPEN);
    }

    @Test
    void reportsTextThatIsNotAFrameAsMalformed() {
        assertThat(decoder.decode("not json")).isInstanceOf(Frame.Malformed.class);
        assertThat(decoder.decode("[]")).isInstanceOf(Frame.Malformed.class);
        assertThat(decoder.decode("{}")).isInstanceOf(Frame.Malformed.class);
        assertThat(decoder.decode("{\"seq\":3}")).isInstanceOf(Frame.Malformed.class);
        assertThat(decoder.decode("")).isInstanceOf(Frame.Malformed.class);
    }

    @Test
    void aFrameWithAHugeValueWhereANumberBelongsIsMalformedForAReasonThatFitsALogLine() {
        String frame = "{\"event\":\"posted\",\"data\":{},\"seq\":\"" + "x".repeat(100_000) + "\"}";

        Frame decoded = decoder.decode(frame);

        assertThat(decoded).isInstanceOf(Frame.Malformed.class);
        assertThat(((Frame.Malformed) decoded).why()).startsWith("not a Mattermost frame: Expected a long")
                .hasSizeLessThan(300);
    }

    @Test
    void anUnknownEventWithAHugeNameIsSkippedUnderAShortenedName() {
        String name = "e".repeat(100_000);

        Frame decoded = decoder.decode("{\"event\":\"" + name + "\",\"seq\":5}");

        assertThat(decoded).isInstanceOf(Frame.Skipped.class);
        Frame.Skipped skipped = (Frame.Skipped) decoded;
        assertThat(skipped.seq()).isEqualTo(5);
        assertThat(skipped.name()).startsWith("eeee").endsWith("(100000 characters)").hasSizeLessThan(300);
    }

    @Test
    void aPostedEventWhosePostHasAHugeValueWhereANumberBelongsIsSkippedForAShortReason() {
        String post = "{\\\"id\\\":\\\"p1\\\",\\\"create_at\\\":\\\"" + "9".repeat(100_000) + "x\\\"}";

        Frame decoded = decoder.decode("{\"event\":\"posted\",\"data\":{\"post\":\"" + post + "\"},\"seq\":9}");

        assertThat(decoded).isInstanceOf(Frame.Skipped.class);
        assertThat(((Frame.Skipped) decoded).seq()).isEqualTo(9);
        assertThat(((Frame.Skipped) decoded).why()).startsWith("unreadable payload: Expected a long")
                .hasSizeLessThan(300);
    }
}
