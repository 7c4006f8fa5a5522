package gproxy.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How the container test reproduces the distroless container's constraints without a container
 * engine, as closely as this machine allows: no shell between us and the JVM, uid/gid 65532 with no
 * supplementary groups, no HOME, the image not writable and only the volume writable.
 */
sealed interface Confinement {
    int NONROOT = 65532;

    /** The argv that runs {@code entrypoint} (container paths) confined. */
    List<String> command(List<String> entrypoint);

    /** A Containerfile value (an ENV value) as the confined process must see it. */
    String map(String value);

    /** The image directory the process runs from, on this machine. */
    Path image();

    /** The volume (GPROXY_DATA_DIR) on this machine. */
    Path volume();

    /**
     * The strongest confinement available: a chroot holding only glibc (as root with mount
     * namespaces and dpkg), else the host's file system as uid 65532 (as root), else as ourselves.
     * {@code -Dgproxy.image.confinement=setpriv} or {@code =user} picks a weaker one on purpose.
     */
    static Confinement best(Path image, Path scratch, Path rootScript, Path containerImage, Path containerVolume)
            throws IOException, InterruptedException {
        String wanted = System.getProperty("gproxy.image.confinement", "chroot");
        boolean root = ProcessHandle.current().info().user().filter("root"::equals).isPresent();
        if (wanted.equals("chroot") && root && succeeds("unshare", "--pid", "--fork", "--mount", "true")
                && succeeds("dpkg", "--version")) {
            Path chroot = scratch.resolve("root");
            assertThat(succeeds("bash", rootScript.toString(), image.toString(), chroot.toString()))
                    .as("%s %s %s", rootScript, image, chroot).isTrue();
            return new Chroot(chroot, containerImage, containerVolume);
        }
        Path volume = Files.createDirectory(scratch.resolve("volume"));
        if (root && !wanted.equals("user")) {
            // the scratch dir is 0700 root: 65532 must be able to reach the volume through it
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setAttribute(volume, "unix:uid", NONROOT);
            Files.setAttribute(volume, "unix:gid", NONROOT);
            return new Setpriv(image, volume, containerImage, containerVolume);
        }
        return new CurrentUser(image, volume, containerImage, containerVolume);
    }

    private static boolean succeeds(String... command) throws IOException, InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    /** jlink/distroless-root.sh's root file system, entered with chroot; paths are the container's. */
    record Chroot(Path root, Path containerImage, Path containerVolume) implements Confinement {
        @Override
        public List<String> command(List<String> entrypoint) {
            assertThat(containerImage).as("distroless-root.sh installs the image at /opt/gproxy")
                    .isEqualTo(Path.of("/opt/gproxy"));
            // a PID namespace: the JVM is PID 1, as in a container; --kill-child: it dies with us
            List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--kill-child",
                    "--mount-proc=" + root.resolve("proc"), "chroot", "--userspec=" + NONROOT + ":" + NONROOT,
                    "--groups=" + NONROOT, root.toString()));
            command.addAll(entrypoint);
            return command;
        }

        @Override
        public String map(String value) {
            return value;
        }

        @Override
        public Path image() {
            return root.resolve("opt/gproxy");
        }

        @Override
        public Path volume() {
            return root.resolve(root.getRoot().relativize(containerVolume));
        }

        @Override
        public String toString() {
            return "chroot " + root + " (Debian 12 libc6 only) as " + NONROOT + ":" + NONROOT + ", the JVM as PID 1";
        }
    }

    /** The host's file system, as uid/gid 65532 without groups: the image (root's) is read-only. */
    record Setpriv(Path image, Path volume, Path containerImage, Path containerVolume) implements Confinement {
        @Override
        public List<String> command(List<String> entrypoint) {
            List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NONROOT, "--regid=" + NONROOT,
                    "--clear-groups"));
            entrypoint.forEach(arg -> command.add(map(arg)));
            return command;
        }

        @Override
        public String map(String value) {
            return mapPaths(value, containerImage, image, containerVolume, volume);
        }

        @Override
        public String toString() {
            return "setpriv as " + NONROOT + ":" + NONROOT + " on the host's file system (no mount namespaces here)";
        }
    }

    /** Not root: as ourselves; the image's unchanged state is checked afterwards instead. */
    record CurrentUser(Path image, Path volume, Path containerImage, Path containerVolume) implements Confinement {
        @Override
        public List<String> command(List<String> entrypoint) {
            return entrypoint.stream().map(this::map).toList();
        }

        @Override
        public String map(String value) {
            return mapPaths(value, containerImage, image, containerVolume, volume);
        }

        @Override
        public String toString() {
            return "the current user on the host's file system (not root: cannot switch user)";
        }
    }

    private static String mapPaths(String value, Path containerImage, Path image, Path containerVolume, Path volume) {
        return value.replace(containerImage.toString(), image.toString())
                .replace(containerVolume.toString(), volume.toString());
    }
}
