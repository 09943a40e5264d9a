package dev.ocbridge.adapter.mattermost.rest;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PostOrigin;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WireMappingTest {

    private static PostJson post(String id, long createAt, String type, long deleteAt, String channel) {
        return new PostJson(id, createAt, createAt, 0L, deleteAt, "u1", channel, "", "text " + id, type, null, null);
    }

    private static PostJson postWith(String type, Map<String, Object> props) {
        return new PostJson("p", 1L, 1L, 0L, 0L, "u1", "c1", "", "text", type, props, null);
    }

    /** A post list as the server sends it, keyed by id, in the order given. */
    private static PostListJson list(PostJson... posts) {
        Map<String, PostJson> byId = new LinkedHashMap<>();
        for (PostJson post : posts) {
            byId.put(post.id(), post);
        }
        return new PostListJson(List.copyOf(byId.keySet()), byId);
    }

    @Test
    void aPostListBecomesThePeoplesLivePostsOldestFirst() {
        PostListJson list = list(post("b", 20, "", 0, "c1"), post("a", 10, "", 0, "c1"),
                post("deleted", 15, "", 30, "c1"), post("system", 16, "system_join_channel", 0, "c1"),
                post("broken", 17, "", 0, null));

        List<ChatPost> live = WireMapping.livePosts(list);

        assertThat(live).extracting(p -> p.id().value()).containsExactly("a", "b");
    }

    @Test
    void theNewestPostOfAListCountsSystemMessagesButNotDeletedOrIncompletePosts() {
        PostListJson list = list(post("a", 10, "", 0, "c1"), post("system", 16, "system_header_change", 0, "c1"),
                post("deleted", 20, "", 30, "c1"), post("", 25, "", 0, "c1"));

        Optional<ChannelCursor> newest = WireMapping.newestPost(list);

        assertThat(newest).contains(new ChannelCursor(new PostId("system"), Instant.ofEpochMilli(16)));
    }

    @Test
    void anEmptyListHasNoNewestPost() {
        assertThat(WireMapping.newestPost(list())).isEmpty();
        assertThat(WireMapping.newestPost(new PostListJson(null, null))).isEmpty();
    }

    @Test
    void aPlainPostIsAPersons() {
        assertThat(WireMapping.origin(postWith("", Map.of()))).isEqualTo(PostOrigin.PERSON);
        assertThat(WireMapping.origin(postWith(null, null))).isEqualTo(PostOrigin.PERSON);
        assertThat(WireMapping.origin(postWith("", Map.of("from_webhook", "false", "disable_group_highlight", true))))
                .isEqualTo(PostOrigin.PERSON);
        assertThat(WireMapping.post(postWith("", Map.of())).byAPerson()).isTrue();
    }

    @Test
    void whatTheServerMarksAsAProgramsPostIsAutomation() {
        for (String flag : List.of("from_webhook", "from_bot", "from_plugin", "from_oauth_app")) {
            assertThat(WireMapping.origin(postWith("", Map.of(flag, "true")))).as(flag).isEqualTo(PostOrigin.AUTOMATION);
            assertThat(WireMapping.origin(postWith("", Map.of(flag, true)))).as(flag).isEqualTo(PostOrigin.AUTOMATION);
        }
    }

    @Test
    void aPostShownUnderAnotherNameOrPictureIsAutomationWhateverItsFlags() {
        for (String prop : List.of("override_username", "override_icon_url", "override_icon_emoji",
                "webhook_display_name")) {
            assertThat(WireMapping.origin(postWith("", Map.of(prop, "alice")))).as(prop).isEqualTo(PostOrigin.AUTOMATION);
        }
    }

    @Test
    void aPostOfAnotherTypeIsAutomationAndASystemMessageTheServers() {
        assertThat(WireMapping.origin(postWith("slack_attachment", Map.of()))).isEqualTo(PostOrigin.AUTOMATION);
        assertThat(WireMapping.origin(postWith("custom_poll", Map.of()))).isEqualTo(PostOrigin.AUTOMATION);
        assertThat(WireMapping.origin(postWith("system_join_channel", Map.of()))).isEqualTo(PostOrigin.SYSTEM);
    }

    @Test
    void anEmptyRootIdMeansATopLevelPost() {
        assertThat(WireMapping.post(post("a", 1, "", 0, "c1")).isReply()).isFalse();
    }

    @Test
    void channelTypesMapToKinds() {
        assertThat(WireMapping.kind("D")).isEqualTo(ChannelKind.DIRECT);
        assertThat(WireMapping.kind("G")).isEqualTo(ChannelKind.GROUP);
        assertThat(WireMapping.kind("O")).isEqualTo(ChannelKind.OPEN);
        assertThat(WireMapping.kind("P")).isEqualTo(ChannelKind.PRIVATE);
        assertThat(WireMapping.kind("X")).isEqualTo(ChannelKind.UNKNOWN);
        assertThat(WireMapping.kind(null)).isEqualTo(ChannelKind.UNKNOWN);
    }
}
