package dev.ocbridge.adapter.mattermost.rest;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatChannel;
import dev.ocbridge.core.domain.ChatFile;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.FileId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PostOrigin;
import dev.ocbridge.core.domain.Reaction;
import dev.ocbridge.core.domain.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns Mattermost's wire records into domain values, at the edge of the adapter. */
public final class WireMapping {
    private static final System.Logger LOG = System.getLogger(WireMapping.class.getName());
    private static final Comparator<ChatPost> OLDEST_FIRST =
            Comparator.comparing(ChatPost::createdAt).thenComparing(p -> p.id().value());
    /**
     * Props the server sets on posts a program made: incoming webhooks ({@code from_webhook}, and
     * {@code webhook_display_name}), bot accounts ({@code from_bot}), plugins ({@code from_plugin}), OAuth apps
     * acting for a user ({@code from_oauth_app}).
     */
    private static final List<String> AUTOMATION_FLAGS =
            List.of("from_webhook", "from_bot", "from_plugin", "from_oauth_app");
    /** Props with which a post shows under another name or picture than its account's: no person types these. */
    private static final List<String> IMPERSONATION_PROPS =
            List.of("override_username", "override_icon_url", "override_icon_emoji", "webhook_display_name");

    private WireMapping() {
    }

    public static ChatPost post(PostJson post) {
        return new ChatPost(
                new PostId(post.id()),
                new ChannelId(post.channel_id()),
                post.root_id() == null || post.root_id().isEmpty() ? null : new PostId(post.root_id()),
                new UserId(post.user_id()),
                origin(post),
                post.message(),
                millis(post.create_at()),
                post.update_at() == null ? null : millis(post.update_at()),
                post.file_ids() == null ? List.of() : post.file_ids().stream().map(FileId::new).toList());
    }

    public static boolean deleted(PostJson post) {
        return post.delete_at() != null && post.delete_at() != 0;
    }

    /**
     * Who really wrote a post. A person's post has the empty type and none of the marks the server puts on what
     * programs post; any other type (attachments of an integration, a plugin's custom post) counts as a program's.
     * Unknown means not a person: only a person's post may drive the agent.
     */
    public static PostOrigin origin(PostJson post) {
        if (systemMessage(post)) {
            return PostOrigin.SYSTEM;
        }
        if (post.type() != null && !post.type().isEmpty()) {
            return PostOrigin.AUTOMATION;
        }
        Map<String, Object> props = post.props() == null ? Map.of() : post.props();
        boolean flagged = AUTOMATION_FLAGS.stream().anyMatch(flag -> truthy(props.get(flag)));
        boolean impersonating = IMPERSONATION_PROPS.stream().anyMatch(props::containsKey);
        return flagged || impersonating ? PostOrigin.AUTOMATION : PostOrigin.PERSON;
    }

    /** The server writes these flags as the string "true"; a boolean is read too, leniently. */
    private static boolean truthy(Object value) {
        return Boolean.TRUE.equals(value) || value instanceof String text && !text.isBlank()
                && !text.equalsIgnoreCase("false");
    }

    /** A message the server wrote itself ("... joined the channel", header changes): nobody's words to act on. */
    public static boolean systemMessage(PostJson post) {
        return post.type() != null && post.type().startsWith("system_");
    }

    /** The live posts people wrote in a list, oldest first; posts the server sent incomplete are left out. */
    public static List<ChatPost> livePosts(PostListJson list) {
        List<ChatPost> posts = new ArrayList<>();
        if (list.posts() != null) {
            for (PostJson post : list.posts().values()) {
                if (post != null && !deleted(post) && !systemMessage(post)) {
                    readable(post).ifPresent(posts::add);
                }
            }
        }
        posts.sort(OLDEST_FIRST);
        return posts;
    }

    /**
     * Where the newest post of a list stands, system messages included: they are no one's words, but they are
     * the channel's history all the same, so whatever is older than them is not new.
     */
    public static Optional<ChannelCursor> newestPost(PostListJson list) {
        if (list.posts() == null) {
            return Optional.empty();
        }
        return list.posts().values().stream()
                .filter(post -> post != null && !deleted(post) && post.id() != null && !post.id().isBlank()
                        && post.create_at() != null)
                .max(Comparator.comparingLong(PostJson::create_at))
                .map(post -> new ChannelCursor(new PostId(post.id()), millis(post.create_at())));
    }

    private static Optional<ChatPost> readable(PostJson post) {
        try {
            return Optional.of(post(post));
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.log(System.Logger.Level.WARNING, "left out post {0} the server sent incomplete: {1}", post.id(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    public static ChatUser user(UserJson user) {
        return new ChatUser(new UserId(user.id()), user.username(), Boolean.TRUE.equals(user.is_bot()));
    }

    public static ChatChannel channel(ChannelJson channel) {
        return new ChatChannel(new ChannelId(channel.id()), kind(channel.type()), channel.name());
    }

    public static ChannelKind kind(String type) {
        if (type == null) {
            return ChannelKind.UNKNOWN;
        }
        switch (type) {
            case "D":
                return ChannelKind.DIRECT;
            case "G":
                return ChannelKind.GROUP;
            case "O":
                return ChannelKind.OPEN;
            case "P":
                return ChannelKind.PRIVATE;
            default:
                return ChannelKind.UNKNOWN;
        }
    }

    public static ChatFile file(FileInfoJson file) {
        return new ChatFile(new FileId(file.id()), file.name(), file.mime_type(), file.size() == null ? 0 : file.size());
    }

    public static Reaction reaction(ReactionJson reaction) {
        return new Reaction(new PostId(reaction.post_id()), new UserId(reaction.user_id()), reaction.emoji_name(),
                reaction.channel_id() == null || reaction.channel_id().isEmpty()
                        ? null : new ChannelId(reaction.channel_id()));
    }

    private static Instant millis(Long epochMillis) {
        return Instant.ofEpochMilli(epochMillis == null ? 0 : epochMillis);
    }
}
