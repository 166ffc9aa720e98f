package io.signalbox.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, throw-away PostgreSQL server for tests: initdb into a temp directory, {@code postgres}
 * on 127.0.0.1 and a free port (as the {@code postgres} system user when the tests run as root,
 * since PostgreSQL refuses root), one database, and everything removed on {@link #close}. Needs
 * Debian's {@code postgresql} package (binaries under /usr/lib/postgresql/VERSION/bin).
 */
public final class PostgresServer implements AutoCloseable {
    public static final String INSTALL = "apt-get install -y postgresql";

    private final Path dir;
    private final Process server;
    private final int port;
    private final String database;

    private PostgresServer(Path dir, Process server, int port, String database) {
        this.dir = dir;
        this.server = server;
        this.port = port;
        this.database = database;
    }

    /** The newest installed PostgreSQL bin directory, if any. */
    public static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(Path p) {
        try {
            return Integer.parseInt(p.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Starts a server (skips the test loudly, or fails it in CI, when PostgreSQL is not installed). */
    public static PostgresServer start(String database) throws Exception {
        Optional<Path> bin = binaries();
        Parts.require(bin.isPresent(), "PostgreSQL server binaries (/usr/lib/postgresql/*/bin)", INSTALL);
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("signalbox-pg-");
        Path data = dir.resolve("data");
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), dir);
        }
        run(as(root, List.of(bin.get().resolve("initdb").toString(), "-D", data.toString(), "-U", "signalbox",
                "--auth=trust", "-E", "UTF8", "--no-sync")), dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(as(root, List.of(bin.get().resolve("postgres").toString(),
                "-D", data.toString(), "-p", Integer.toString(port), "-k", dir.toString(), "-h", "127.0.0.1",
                "-c", "fsync=off")));
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        Process p = pb.start();
        PostgresServer pg = new PostgresServer(dir, p, port, database);
        pg.awaitReady();
        try (Connection c = DriverManager.getConnection(pg.url("postgres")); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        return pg;
    }

    private static List<String> as(boolean root, List<String> cmd) {
        if (!root) {
            return cmd;
        }
        List<String> out = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        out.addAll(cmd);
        return out;
    }

    private static void run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("setup.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + Files.readString(dir.resolve("setup.log")));
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("postgres exited: " + Files.readString(dir.resolve("server.log")));
            }
            try (Connection c = DriverManager.getConnection(url("postgres"))) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IOException("postgres did not accept connections within 60 s: " + last);
    }

    public String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?user=signalbox";
    }

    /** The test database's JDBC URL. */
    public String url() {
        return url(database);
    }

    @Override
    public void close() throws Exception {
        server.destroy(); // SIGTERM: smart shutdown
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
