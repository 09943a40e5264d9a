package dev.ocbridge.core.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerPathsTest {

    @Test
    void absolutePathsAreThoseOfUnixAndWindowsServers() {
        assertThat(ServerPaths.isAbsolute("/home/dev/shop")).isTrue();
        assertThat(ServerPaths.isAbsolute("C:\\work\\shop")).isTrue();
        assertThat(ServerPaths.isAbsolute("c:/work/shop")).isTrue();
        assertThat(ServerPaths.isAbsolute("\\\\host\\share")).isTrue();
        assertThat(ServerPaths.isAbsolute("shop")).isFalse();
        assertThat(ServerPaths.isAbsolute("~/shop")).isFalse();
        assertThat(ServerPaths.isAbsolute("./shop")).isFalse();
        assertThat(ServerPaths.isAbsolute("")).isFalse();
    }

    @Test
    void trailingSeparatorsGoButARootStaysWhole() {
        assertThat(ServerPaths.withoutTrailingSeparator("/home/dev/shop//")).isEqualTo("/home/dev/shop");
        assertThat(ServerPaths.withoutTrailingSeparator("C:\\work\\")).isEqualTo("C:\\work");
        assertThat(ServerPaths.withoutTrailingSeparator("/")).isEqualTo("/");
        assertThat(ServerPaths.withoutTrailingSeparator("C:\\")).isEqualTo("C:\\");
    }

    @Test
    void theLastElementNamesTheProject() {
        assertThat(ServerPaths.lastElement("/home/dev/shop/")).isEqualTo("shop");
        assertThat(ServerPaths.lastElement("C:\\work\\shop")).isEqualTo("shop");
        assertThat(ServerPaths.lastElement("/")).isEqualTo("/");
    }

    @Test
    void aPathIsWithinItsOwnDirectoryAndItsParentsButNotInANameSharingPrefix() {
        assertThat(ServerPaths.isWithin("/home/dev/shop", "/home/dev/shop/")).isTrue();
        assertThat(ServerPaths.isWithin("/home/dev/shop/api", "/home/dev/shop")).isTrue();
        assertThat(ServerPaths.isWithin("/home/dev/shop/api", "/")).isTrue();
        assertThat(ServerPaths.isWithin("/home/dev/shopping", "/home/dev/shop")).isFalse();
        assertThat(ServerPaths.isWithin("/home/dev", "/home/dev/shop")).isFalse();
        assertThat(ServerPaths.isWithin("C:\\work\\shop\\api", "C:\\work\\shop")).isTrue();
    }

    @Test
    void aProjectWithoutANameIsCalledByItsDirectory() {
        assertThat(ProjectInfo.of("/home/dev/shop/").name()).isEqualTo("shop");
        assertThat(ProjectInfo.of("/home/dev/shop/").directory()).isEqualTo("/home/dev/shop");
        assertThat(new ProjectInfo(" Shop front ", "/home/dev/shop").name()).isEqualTo("Shop front");
    }
}
