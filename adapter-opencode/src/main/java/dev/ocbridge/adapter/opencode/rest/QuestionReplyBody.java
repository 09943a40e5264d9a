package dev.ocbridge.adapter.opencode.rest;

import java.util.List;

/** Body of {@code POST /question/{id}/reply}: one list of chosen labels (or free text) per question. */
public record QuestionReplyBody(List<List<String>> answers) {
}
