package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLockTest {

    @Test
    void aHeldStoreRefusesASecondUserAndSaysWho(@TempDir Path store) throws Exception {
        try (StoreLock held = StoreLock.acquire(store, "bigpicture serve on http://127.0.0.1:4566 (pid 42)")) {
            assertThat(StoreLock.holder(store)).contains("serve").contains("4566");
            assertThatThrownBy(() -> StoreLock.acquire(store, "bigpicture run"))
                    .isInstanceOf(StoreLock.StoreBusyException.class)
                    .hasMessageContaining("in use by bigpicture serve on http://127.0.0.1:4566 (pid 42)");
        }
        try (StoreLock again = StoreLock.acquire(store, "bigpicture run")) {
            assertThat(again).isNotNull();
        }
        assertThat(StoreLock.holder(store)).isEmpty();
    }
}
