package dev.ocbridge.adapter.persistence;

import java.util.List;

/**
 * The state file's JSON shape. Moshi reads only public records, so the records are public but live in this
 * package-private holder: nothing outside the adapter sees them. Every field is nullable because absent
 * fields read as null; the codec decides what is required.
 */
final class StateWire {
    /** The newest document version this bridge reads and the one it writes. */
    static final int VERSION = 1;

    private StateWire() {
    }

    /** The whole file. {@code lastModified} is informational, as in the plugin's file of the same name. */
    public record Document(Integer version, String lastModified, List<Mapping> mappings,
                           List<Cursor> channelCursors, Choices promptChoices, List<RequestPostEntry> requestPosts,
                           List<Answer> deliveredAnswers) {
    }

    /**
     * What chat shows of a session's answer not completed yet: per text part, the characters posted; the post that
     * ends with the working line, and that line, if one does.
     */
    public record Answer(String sessionId, List<AnswerPart> parts, String workingPostId, String workingLine) {
    }

    public record AnswerPart(String partId, Integer delivered) {
    }

    /** One thread mapping; the names are those of the thread-mapping data model. Times are ISO-8601. */
    public record Mapping(String sessionId, String threadRootPostId, String shortId, String mattermostUserId,
                          String dmChannelId, String projectName, String directory, String sessionTitle,
                          String status, String createdAt, String lastActivityAt, String endedAt) {
    }

    /**
     * The post of a request the agent waits on: {@code kind} {@code permission} or {@code question}, the thread it
     * is in, the answers given so far to the first questions of a question request, and the chat server's time of
     * the newest input it took.
     */
    public record RequestPostEntry(String kind, String requestId, String sessionId, String dmChannelId,
                                   String threadRootPostId, String postId, List<List<String>> answersSoFar,
                                   String answeredUpTo) {
    }

    /**
     * Where chat catch-up resumes in one channel; {@code lastPostId} absent while no post of the channel is handled,
     * {@code handledAfter} absent when empty.
     */
    public record Cursor(String channelId, String lastPostId, String lastPostAt, List<HandledPost> handledAfter) {
    }

    /** A post handled after a channel's cursor, and when it was created. */
    public record HandledPost(String postId, String createdAt) {
    }

    /** The models and agents chosen from chat: per session, and per user for sessions started in the main DM. */
    public record Choices(List<SessionChoice> sessions, List<MainDmChoice> mainDm) {
    }

    public record SessionChoice(String sessionId, Model model, String agent) {
    }

    public record MainDmChoice(String mattermostUserId, Model model, String agent) {
    }

    public record Model(String providerId, String modelId) {
    }
}
