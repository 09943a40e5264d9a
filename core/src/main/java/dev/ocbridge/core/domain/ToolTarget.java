package dev.ocbridge.core.domain;

/** What a tool call acts on: the command it runs, the file it reads or edits, the pattern it looks for... */
public record ToolTarget(Kind kind, String text) {
    public static final ToolTarget NONE = new ToolTarget(Kind.NONE, "");

    /** How to read the text: a file is a path, which may be shown relative to the session's directory. */
    public enum Kind {
        COMMAND,
        FILE,
        PATTERN,
        URL,
        DESCRIPTION,
        OTHER,
        NONE
    }

    public ToolTarget {
        Checks.require(kind, "target kind");
        text = text == null ? "" : text;
        if (text.isBlank()) {
            kind = Kind.NONE;
            text = "";
        }
    }

    public boolean isPresent() {
        return kind != Kind.NONE;
    }
}
