package dev.ocbridge.adapter.opencode.rest;

import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

import java.util.List;
import java.util.Map;

/**
 * The HTTP API of {@code opencode serve} as far as the bridge uses it (OpenAPI at {@code GET /doc}).
 * Directory-scoped routes take {@code directory}; session-scoped routes find the session's own.
 */
public interface OpenCodeApi {

    @GET("global/health")
    Call<HealthWire> health();

    @GET("session")
    Call<List<SessionWire>> sessions(@Query("directory") String directory);

    /**
     * Sessions of every project, most recently updated first, archived ones left out: {@code start} keeps those
     * updated at or after it, {@code cursor} those updated before it (both epoch milliseconds).
     */
    @GET("experimental/session")
    Call<List<SessionWire>> sessionsOfEveryProject(@Query("roots") Boolean roots, @Query("start") Long start,
                                                   @Query("cursor") Long cursor, @Query("limit") Integer limit);

    /** The git repositories the server has opened, and the catch-all project {@code global}. */
    @GET("project")
    Call<List<ProjectWire>> projects();

    /** Without {@code directory}: where the server itself works. */
    @GET("path")
    Call<PathWire> paths();

    /** The entries of {@code path} inside {@code directory}; fails when the directory cannot be opened. */
    @GET("file")
    Call<List<FileNodeWire>> files(@Query("directory") String directory, @Query("path") String path);

    @GET("session/{sessionID}")
    Call<SessionWire> session(@Path("sessionID") String sessionId);

    @POST("session")
    Call<SessionWire> createSession(@Query("directory") String directory, @Body NewSessionBody body);

    @DELETE("session/{sessionID}")
    Call<Boolean> deleteSession(@Path("sessionID") String sessionId);

    @POST("session/{sessionID}/prompt_async")
    Call<Void> promptAsync(@Path("sessionID") String sessionId, @Body PromptBody body);

    @POST("session/{sessionID}/abort")
    Call<Boolean> abort(@Path("sessionID") String sessionId);

    /** Only sessions that are not idle. */
    @GET("session/status")
    Call<Map<String, SessionStatusWire>> sessionStatus(@Query("directory") String directory);

    /** Oldest first. */
    @GET("session/{sessionID}/message")
    Call<List<MessageWithPartsWire>> messages(@Path("sessionID") String sessionId, @Query("limit") Integer limit);

    @GET("session/{sessionID}/todo")
    Call<List<TodoWire>> todos(@Path("sessionID") String sessionId);

    @GET("permission")
    Call<List<PermissionRequestWire>> permissions(@Query("directory") String directory);

    @POST("permission/{requestID}/reply")
    Call<Boolean> replyPermission(@Path("requestID") String requestId, @Query("directory") String directory,
                                  @Body PermissionReplyBody body);

    @GET("question")
    Call<List<QuestionRequestWire>> questions(@Query("directory") String directory);

    @POST("question/{requestID}/reply")
    Call<Boolean> replyQuestion(@Path("requestID") String requestId, @Query("directory") String directory,
                                @Body QuestionReplyBody body);

    @POST("question/{requestID}/reject")
    Call<Boolean> rejectQuestion(@Path("requestID") String requestId, @Query("directory") String directory);

    @GET("config/providers")
    Call<ProvidersWire> providers(@Query("directory") String directory);

    @GET("config")
    Call<ConfigWire> config(@Query("directory") String directory);

    @GET("agent")
    Call<List<AgentWire>> agents(@Query("directory") String directory);

    /** The files the prompt {@code messageID} changed; 1.18 answers nothing without it. */
    @GET("session/{sessionID}/diff")
    Call<List<FileDiffWire>> diff(@Path("sessionID") String sessionId, @Query("messageID") String messageId);
}
