package gproxy.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shorthands for the config tests: load from flags and env, write a YAML file. */
final class Fixtures {
    static final Path DEFAULT_DATA_DIR = Path.of("./data").toAbsolutePath().normalize();
    /** 32 bytes of 0x01, base64. */
    static final String MASTER_KEY = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";

    private Fixtures() {
    }

    static Settings load(Map<String, String> env, String... args) {
        return SettingsLoader.load(List.of(args), env);
    }

    static Settings load(String... args) {
        return load(Map.of(), args);
    }

    static Settings defaults() {
        return Settings.defaults(DEFAULT_DATA_DIR);
    }

    static Path yaml(Path dir, String text) {
        try {
            Path file = dir.resolve("gproxy.yaml");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
