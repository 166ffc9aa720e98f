package io.signalbox.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** A failed write says why in words, not only the temporary file's path Java puts in the message. */
class FileErrorWordsTest {
    @Test
    void permissionMissingFileAndOtherReasonsAreSaidInWords() {
        assertEquals("permission denied (/home/u/.claude/.settings.json.tmp-1)",
                SignalboxException.why(new AccessDeniedException("/home/u/.claude/.settings.json.tmp-1")));
        assertEquals("no such file or directory (/x/y)", SignalboxException.why(new NoSuchFileException("/x/y")));
        assertEquals("No space left on device (/x/y)",
                SignalboxException.why(new FileSystemException("/x/y", null, "No space left on device")));
        assertEquals("broken pipe", SignalboxException.why(new IOException("broken pipe")));
    }
}
