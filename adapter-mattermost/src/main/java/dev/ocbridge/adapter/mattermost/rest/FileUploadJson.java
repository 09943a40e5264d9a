package dev.ocbridge.adapter.mattermost.rest;

import java.util.List;

/** The answer of {@code POST /files}. */
public record FileUploadJson(List<FileInfoJson> file_infos, List<String> client_ids) {
}
