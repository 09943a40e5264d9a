package dev.ocbridge.adapter.mattermost.rest;

import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatPost;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WireMappingTest {

    private static PostJson post(String id, long createAt, String type, long deleteAt, String channel) {
        return new PostJson(id, createAt, createAt, 0L, deleteAt, "u1", channel, "", "text " + id, type, null);
    }

    @Test
    void aPostListBecomesThePeoplesLivePostsOldestFirst() {
        Map<String, PostJson> posts = new LinkedHashMap<>();
        posts.put("b", post("b", 20, "", 0, "c1"));
        posts.put("a", post("a", 10, "", 0, "c1"));
        posts.put("deleted", post("deleted", 15, "", 30, "c1"));
        posts.put("system", post("system", 16, "system_join_channel", 0, "c1"));
        posts.put("broken", post("broken", 17, "", 0, null));

        List<ChatPost> live = WireMapping.livePosts(new PostListJson(List.of("b", "a"), posts));

        assertThat(live).extracting(p -> p.id().value()).containsExactly("a", "b");
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
