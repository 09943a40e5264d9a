package dev.ocbridge.adapter.persistence;

import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Owner-only permissions for what we create: the state names users' chat ids. */
final class FilePermissions {
    private FilePermissions() {
    }

    /** {@code rw-------} where the file system knows POSIX permissions, nothing otherwise. */
    static FileAttribute<?>[] ownerOnlyFile(Path where) {
        return posix(where) ? new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }

    /** {@code rwx------} where the file system knows POSIX permissions, nothing otherwise. */
    static FileAttribute<?>[] ownerOnlyDirectory(Path where) {
        return posix(where) ? new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))} : new FileAttribute<?>[0];
    }

    /** Whether the file system at {@code where} has POSIX permissions. */
    static boolean posix(Path where) {
        return where.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
