package dev.ocbridge.app.logging;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code System.Logger} call in the production sources of every module fills its placeholders: with
 * arguments, the pattern must show each of them through {@link MessageFormat} (an apostrophe quotes the rest
 * of the pattern and prints {@code {0}} literally: write {@code ''}); without arguments, it must have none
 * (nothing would fill them). A single argument to a pattern without placeholders is taken for the
 * {@code Throwable} of {@code log(Level, String, Throwable)}.
 */
class LogCallsTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+(,[^}]*)?}");
    private static final String UNKNOWN_PART = "X";

    @Test
    void everyPlaceholderOfEveryLogCallIsFilled() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path source : productionSources()) {
            for (MethodCallExpr call : logCalls(source)) {
                checked++;
                problem(call).ifPresent(problem -> problems.add(source.getFileName() + ":"
                        + call.getBegin().map(position -> position.line).orElse(0) + " " + problem));
            }
        }

        assertThat(checked).as("log calls found").isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckFindsAnApostropheThatSwallowsAPlaceholderAndAPlaceholderWithoutArgument() {
        List<MethodCallExpr> calls = parse("class A { void f(Object x, Exception e) {"
                + " LOG.log(Level.WARNING, \"the bot's channels: {0}\", x);"
                + " LOG.log(Level.WARNING, \"the bot''s channels: {0}\", x);"
                + " LOG.log(Level.INFO, \"nothing fills {0}\");"
                + " LOG.log(Level.INFO, \"two {0} \" + \"and {1}\", x);"
                + " LOG.log(Level.ERROR, \"failed on \" + x, e); } }")
                .findAll(MethodCallExpr.class);

        assertThat(calls).extracting(call -> problem(call).isPresent())
                .containsExactly(true, false, true, true, false);
    }

    /** What is wrong with a call, if anything. */
    private static Optional<String> problem(MethodCallExpr call) {
        Optional<String> pattern = constantText(call.getArgument(1));
        if (pattern.isEmpty()) {
            return Optional.empty();
        }
        int arguments = call.getArguments().size() - 2;
        boolean hasPlaceholders = PLACEHOLDER.matcher(pattern.get()).find();
        if (arguments == 0) {
            return hasPlaceholders ? Optional.of("has placeholders but no arguments: " + pattern.get()) : Optional.empty();
        }
        if (arguments == 1 && !hasPlaceholders) {
            return Optional.empty();
        }
        Object[] markers = new Object[arguments];
        for (int i = 0; i < arguments; i++) {
            markers[i] = "\u0001" + i + "\u0001";
        }
        String formatted;
        try {
            formatted = MessageFormat.format(pattern.get(), markers);
        } catch (IllegalArgumentException e) {
            return Optional.of("is no MessageFormat pattern (" + e.getMessage() + "): " + pattern.get());
        }
        for (Object marker : markers) {
            if (!formatted.contains((String) marker)) {
                return Optional.of("does not show argument " + ((String) marker).charAt(1) + ": " + pattern.get());
            }
        }
        if (PLACEHOLDER.matcher(formatted).find()) {
            return Optional.of("prints a placeholder literally: " + pattern.get());
        }
        return Optional.empty();
    }

    /** The text of a literal or of a concatenation with at least one literal, other parts standing as X. */
    private static Optional<String> constantText(Expression expression) {
        if (expression instanceof StringLiteralExpr literal) {
            return Optional.of(literal.asString());
        }
        if (expression instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.PLUS) {
            Optional<String> left = constantText(binary.getLeft());
            Optional<String> right = constantText(binary.getRight());
            if (left.isEmpty() && right.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(left.orElse(UNKNOWN_PART) + right.orElse(UNKNOWN_PART));
        }
        return Optional.empty();
    }

    private static List<MethodCallExpr> logCalls(Path source) throws IOException {
        return parse(Files.readString(source)).findAll(MethodCallExpr.class, call ->
                call.getNameAsString().equals("log") && call.getArguments().size() >= 2);
    }

    private static CompilationUnit parse(String code) {
        ParseResult<CompilationUnit> result = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)).parse(code);
        assertThat(result.getProblems()).isEmpty();
        return result.getResult().orElseThrow();
    }

    private static List<Path> productionSources() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        assertThat(root.resolve("core/src/main/java")).as("the reactor's root").isDirectory();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(dir -> Files.isDirectory(dir.resolve("src/main/java"))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        return sources;
    }
}
