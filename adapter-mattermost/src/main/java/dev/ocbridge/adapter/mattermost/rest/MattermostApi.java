package dev.ocbridge.adapter.mattermost.rest;

import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.Multipart;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Part;
import retrofit2.http.Path;
import retrofit2.http.Query;
import retrofit2.http.Streaming;

import java.util.List;

/** Mattermost REST API v4, relative to {@code <server>/api/v4/}, as its reference documents it. */
public interface MattermostApi {

    /** Needs no token; the server's version is in the {@code X-Version-Id} header of the answer. */
    @GET("system/ping")
    Call<StatusJson> ping();

    @GET("users/me")
    Call<UserJson> getMe();

    @GET("users/{user_id}")
    Call<UserJson> getUser(@Path("user_id") String userId);

    @GET("users/username/{username}")
    Call<UserJson> getUserByUsername(@Path("username") String username);

    @POST("users/ids")
    Call<List<UserJson>> getUsersByIds(@Body List<String> userIds);

    @POST("channels/direct")
    Call<ChannelJson> createDirectChannel(@Body List<String> userIds);

    /** Channels of all teams the user is a member of, direct and group channels included (server 6.1+). */
    @GET("users/{user_id}/channels")
    Call<List<ChannelJson>> getChannelsForUser(@Path("user_id") String userId);

    @GET("channels/{channel_id}")
    Call<ChannelJson> getChannel(@Path("channel_id") String channelId);

    /** Posts of a channel changed (created, edited or deleted) after {@code since}, epoch milliseconds. */
    @GET("channels/{channel_id}/posts")
    Call<PostListJson> getPostsSince(@Path("channel_id") String channelId, @Query("since") long since);

    @GET("channels/{channel_id}/posts")
    Call<PostListJson> getPostsForChannel(@Path("channel_id") String channelId, @Query("page") int page,
                                          @Query("per_page") int perPage);

    @POST("posts")
    Call<PostJson> createPost(@Body CreatePostJson post);

    @PUT("posts/{post_id}/patch")
    Call<PostJson> patchPost(@Path("post_id") String postId, @Body PatchPostJson patch);

    @GET("posts/{post_id}")
    Call<PostJson> getPost(@Path("post_id") String postId);

    @DELETE("posts/{post_id}")
    Call<StatusJson> deletePost(@Path("post_id") String postId);

    @GET("posts/{post_id}/thread")
    Call<PostListJson> getPostThread(@Path("post_id") String postId);

    @POST("reactions")
    Call<ReactionJson> saveReaction(@Body ReactionJson reaction);

    @DELETE("users/{user_id}/posts/{post_id}/reactions/{emoji_name}")
    Call<StatusJson> deleteReaction(@Path("user_id") String userId, @Path("post_id") String postId,
                                    @Path("emoji_name") String emojiName);

    @Multipart
    @POST("files")
    Call<FileUploadJson> uploadFile(@Part("channel_id") RequestBody channelId, @Part MultipartBody.Part files);

    @GET("files/{file_id}/info")
    Call<FileInfoJson> getFileInfo(@Path("file_id") String fileId);

    @Streaming
    @GET("files/{file_id}")
    Call<ResponseBody> getFile(@Path("file_id") String fileId);
}
