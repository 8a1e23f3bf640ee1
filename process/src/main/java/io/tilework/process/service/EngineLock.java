package io.tilework.process.service;

import io.tilework.process.failure.EngineBusy;
import io.tilework.process.failure.StoreUnavailable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One engine per store: two would each deliver the outbox and each keep its own copy of the
 * instances. The lock is a file lock beside the store, released when the JVM ends, even by kill -9.
 */
final class EngineLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private EngineLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static EngineLock acquire(Path store) {
        Path file = store.resolveSibling(store.getFileName() + ".lock");
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                java.nio.file.Files.createDirectories(folder);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new EngineBusy("another process engine is running on " + store + " (it holds " + file
                        + "); stop it (e.g. the 'tilework process run' in another terminal) or use another --store");
            }
            return new EngineLock(channel, lock);
        } catch (IOException e) {
            throw new StoreUnavailable("cannot lock " + file + ": " + e.getMessage() + "; check that its folder can be written", e);
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
