package dev.ocbridge.app.bench;

/**
 * What was timed for one prompt of a round, by System.nanoTime; null where it did not happen (or, for a prompt sent
 * straight to OpenCode, has no meaning: nothing is shown in chat).
 *
 * @param sentAt       the prompt was stored in chat, or (straight to OpenCode) its {@code prompt_async} call began
 * @param returnedAt   (straight to OpenCode) the {@code prompt_async} call returned
 * @param acceptedAt   OpenCode announced the user message: the prompt was accepted
 * @param firstChunkAt the fake LLM streamed the answer's first chunk
 * @param visibleAt    the answer's first chunk was stored in chat
 * @param completeAt   the whole answer was stored in chat, or (straight to OpenCode) OpenCode finished it
 * @param finishedAt   OpenCode announced the answer finished
 */
record PromptTimes(String token, Long sentAt, Long returnedAt, Long acceptedAt, Long firstChunkAt, Long visibleAt, Long completeAt,
                   Long finishedAt) {
}
