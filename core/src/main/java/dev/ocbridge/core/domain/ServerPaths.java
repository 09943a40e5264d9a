package dev.ocbridge.core.domain;

import java.util.regex.Pattern;

/**
 * Paths on the agent server's machine, which need not be this one: they are compared as text and never
 * resolved or checked against this machine's file system. Both {@code /} and {@code \} separate elements.
 */
public final class ServerPaths {
    private static final Pattern ABSOLUTE = Pattern.compile("^(/|[A-Za-z]:[\\\\/]|\\\\\\\\)");
    private static final Pattern TRAILING_SEPARATORS = Pattern.compile("[/\\\\]+$");

    private ServerPaths() {
    }

    /** {@code /home/dev/shop}, {@code C:\work\shop} or {@code \\host\share}; not {@code shop} or {@code ~/shop}. */
    public static boolean isAbsolute(String path) {
        return path != null && ABSOLUTE.matcher(path).find();
    }

    /** {@code /home/dev/shop/} becomes {@code /home/dev/shop}; a root such as {@code /} stays what it is. */
    public static String withoutTrailingSeparator(String path) {
        String trimmed = TRAILING_SEPARATORS.matcher(path).replaceAll("");
        return trimmed.isEmpty() || trimmed.matches("[A-Za-z]:") ? path : trimmed;
    }

    /** The last element, what people call the project: {@code shop} for {@code /home/dev/shop/}. */
    public static String lastElement(String path) {
        String trimmed = TRAILING_SEPARATORS.matcher(path).replaceAll("");
        int separator = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        String name = trimmed.substring(separator + 1);
        return name.isEmpty() ? path : name;
    }

    /** Whether {@code path} is {@code directory} or lies inside it. */
    public static boolean isWithin(String path, String directory) {
        String inner = withoutTrailingSeparator(path);
        String outer = withoutTrailingSeparator(directory);
        if (inner.equals(outer)) {
            return true;
        }
        boolean outerEndsInSeparator = outer.endsWith("/") || outer.endsWith("\\");
        if (outerEndsInSeparator) {
            return inner.startsWith(outer);
        }
        return inner.startsWith(outer + "/") || inner.startsWith(outer + "\\");
    }
}
