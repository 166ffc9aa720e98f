package io.signalbox.usage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Another process holding the usage database: {@code BEGIN EXCLUSIVE} on the SQLite file given
 * as the first argument, "LOCKED" on stdout, holds it for the milliseconds in the second
 * argument, then commits and exits.
 */
public final class SqliteLockerMain {
    private SqliteLockerMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("BEGIN EXCLUSIVE");
            System.out.println("LOCKED");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]));
            s.execute("COMMIT");
            System.out.println("RELEASED");
        }
    }
}
