package dev.ocbridge.adapter.mattermost.rest;

import java.util.List;
import java.util.Map;

/** A list of posts: {@code order} holds ids (newest first), {@code posts} the posts by id. */
public record PostListJson(List<String> order, Map<String, PostJson> posts) {
}
