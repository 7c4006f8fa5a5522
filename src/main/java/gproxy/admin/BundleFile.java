package gproxy.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * Bundle files on disk. An export holds plaintext secrets, so it is written owner-only (0600) from
 * the moment it exists: into a temp file created with those permissions in the target directory,
 * flushed to disk, then renamed over the target atomically. A failed write leaves no temp file.
 */
final class BundleFile {
    private static final String OWNER_ONLY = "rw-------";

    private BundleFile() {
    }

    static void writePrivate(Path out, byte[] content) {
        Path target = out.toAbsolutePath().normalize();
        Path dir = target.getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", ownerOnly(dir));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException("export " + target + ": the file system cannot rename atomically", e);
        } catch (IOException e) {
            throw new UncheckedIOException("export " + target + ": cannot be written (" + e + ")", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Reads and parses a bundle file. Malformed JSON is a 400 naming the file and the position only:
     * the parser's own message may quote the text around the error, which can be a secret.
     */
    static JsonNode read(Path in) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(in);
        } catch (IOException e) {
            throw new UncheckedIOException("bundle " + in + ": cannot be read (" + e + ")", e);
        }
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new GatewayException(400, "invalid_json", "bundle " + in + ": empty (expected: a JSON object)");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new GatewayException(400, "invalid_json", "bundle " + in + ": malformed JSON" + where);
        } catch (IOException e) {
            throw new UncheckedIOException("bundle " + in + ": cannot be read (" + e + ")", e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY))};
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // best effort: the original failure is the one worth reporting
        }
    }
}
