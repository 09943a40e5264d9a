package dev.ocbridge.app;

import dev.ocbridge.app.config.BridgeConfig;
import dev.ocbridge.app.config.ConfigException;
import dev.ocbridge.app.config.ConfigLoader;
import dev.ocbridge.app.config.LogFormat;
import dev.ocbridge.app.di.BridgeComponent;
import dev.ocbridge.app.di.DaggerBridgeComponent;
import dev.ocbridge.app.ops.OperationsServer;
import dev.ocbridge.app.runtime.BridgeRuntime;
import dev.ocbridge.core.error.BridgeException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts the bridge: {@code --help}, {@code --version}, or run until stopped. */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    Main(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.getenv(), System.out, System.err).run(args));
    }

    int run(String[] args) {
        String version = BridgeVersion.current();
        if (args.length == 1 && args[0].equals("doctor")) {
            return doctor();
        }
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(HelpText.render(version));
                return OK;
            }
            if (arg.equals("--version") || arg.equals("-V")) {
                out.println("opencode-mattermost-bridge " + version);
                return OK;
            }
            err.println("Unknown argument: " + arg + " (try --help)");
            return USAGE;
        }
        BridgeConfig config;
        try {
            config = new ConfigLoader(environment, Path.of("").toAbsolutePath(),
                    Path.of(System.getProperty("user.home"))).load();
        } catch (ConfigException e) {
            err.println("Configuration error: " + e.getMessage());
            return USAGE;
        }
        LogSetup.configure(config);
        BridgeRuntime runtime;
        Optional<OperationsServer> operations;
        try {
            BridgeComponent bridge = DaggerBridgeComponent.factory().create(config, version);
            runtime = bridge.runtime();
            operations = bridge.operations();
        } catch (BridgeException | ConfigException e) {
            System.err.println("Could not start the bridge: " + e.getMessage());
            return FAILED;
        }
        try {
            operations.ifPresent(OperationsServer::start);
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            runtime.stop();
            return USAGE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.stop();
            operations.ifPresent(OperationsServer::stop);
        }, "bridge-shutdown"));
        try {
            runtime.start();
        } catch (BridgeException e) {
            System.err.println("Could not start the bridge: " + e.getMessage());
            runtime.stop();
            return FAILED;
        }
        return runtime.awaitStop() ? OK : FAILED;
    }

    /** Checks the configuration and what it points at; the report goes to stdout, masked like the logs. */
    private int doctor() {
        List<String> secrets = Doctor.secretsIn(environment);
        LogSetup.configure(LogFormat.TEXT, "error", secrets);
        PrintStream report = new PrintStream(new RedactingOutputStream(out, secrets), true, StandardCharsets.UTF_8);
        int code = new Doctor(environment, Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")),
                report).run();
        report.flush();
        return code;
    }
}
