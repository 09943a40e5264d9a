package dev.ocbridge.core.texts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text the bridge did not write (session titles, directories, server errors, tool names, commands) made
 * safe to put into a post: it shows as the characters it is, it cannot add lines, links, images or
 * formatting to the bot's own text, and no mention in it ({@code @all}, {@code @channel}, {@code @someone})
 * notifies anybody.
 *
 * <p>Mentions are defused with a zero-width space after each {@code @}: chat servers find mentions in the
 * raw text, where a markdown backslash escape does not hide them.
 */
public final class Untrusted {
    /** ASCII punctuation that markdown gives a meaning; a backslash before each shows it as itself. */
    private static final Pattern MARKDOWN_PUNCTUATION = Pattern.compile("[\\\\`*_{}\\[\\]()#+\\-.!|<>~:]");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]+");
    private static final Pattern BACKTICK_RUNS = Pattern.compile("`+");
    private static final String ZERO_WIDTH_SPACE = "\u200B";

    private Untrusted() {
    }

    /** Plain inline text: one line, markdown shown literally, mentions inert. */
    public static String inline(String text) {
        String oneLine = oneLine(text);
        String escaped = MARKDOWN_PUNCTUATION.matcher(oneLine)
                .replaceAll(match -> Matcher.quoteReplacement("\\" + match.group()));
        return defuseMentions(escaped);
    }

    /**
     * A code span on one line, for paths, commands and names. The fence is one backtick longer than the
     * longest run inside, so no content can close it early.
     */
    public static String code(String text) {
        String content = defuseMentions(oneLine(text));
        if (content.isEmpty()) {
            return "` `";
        }
        String fence = "`".repeat(longestBacktickRun(content) + 1);
        boolean pad = content.startsWith("`") || content.endsWith("`");
        return fence + (pad ? " " + content + " " : content) + fence;
    }

    /** A fenced code block for multi-line text such as command output; nothing inside can end it early. */
    public static String codeBlock(String text) {
        String content = defuseMentions(text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n'));
        String fence = "`".repeat(Math.max(3, longestBacktickRun(content) + 1));
        return fence + "\n" + content + (content.endsWith("\n") || content.isEmpty() ? "" : "\n") + fence;
    }

    private static String oneLine(String text) {
        return text == null ? "" : LINE_BREAKS.matcher(text).replaceAll(" ").strip();
    }

    private static String defuseMentions(String text) {
        return text.replace("@", "@" + ZERO_WIDTH_SPACE);
    }

    private static int longestBacktickRun(String text) {
        int longest = 0;
        Matcher runs = BACKTICK_RUNS.matcher(text);
        while (runs.find()) {
            longest = Math.max(longest, runs.group().length());
        }
        return longest;
    }
}
