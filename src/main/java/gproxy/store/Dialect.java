package gproxy.store;

/** The SQL dialects the store supports, chosen by the DSN scheme. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRES("postgres"),
    MYSQL("mysql");

    private final String directory;

    Dialect(String directory) {
        this.directory = directory;
    }

    /** Folder of this dialect's migrations under {@code db/} on the class path. */
    public String migrationDirectory() {
        return directory;
    }
}
