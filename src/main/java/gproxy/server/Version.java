package gproxy.server;

/** The build version, from the jar manifest ({@code Implementation-Version}); "dev" when run from classes. */
public final class Version {
    private Version() {
    }

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }
}
