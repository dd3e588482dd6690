/* An LD_AUDIT library that hides shared libraries from the dynamic loader, so a test can run the real Playwright
 * driver and the real browser as they run on a machine that lacks one (issue 14): the loader then fails with its own
 * words, "error while loading shared libraries: libatomic.so.1: cannot open shared object file: ...".
 *
 * HIDDEN_LIBRARIES=libatomic.so.1:libnss3.so LD_AUDIT=/path/to/hide_library.so some-program
 *
 * The name as asked for (LA_SER_ORIG) is let through, so the loader's message names it; every place the loader then
 * looks for it (the cache, the default folders, rpaths) is refused. */
#define _GNU_SOURCE
#include <link.h>
#include <stdlib.h>
#include <string.h>

unsigned int la_version(unsigned int version) { return LAV_CURRENT; }

static int hidden(const char *base) {
    const char *list = getenv("HIDDEN_LIBRARIES");
    size_t length = strlen(base);
    while (list && *list) {
        const char *end = strchrnul(list, ':');
        if ((size_t)(end - list) == length && strncmp(list, base, length) == 0) return 1;
        list = *end ? end + 1 : end;
    }
    return 0;
}

char *la_objsearch(const char *name, uintptr_t *cookie, unsigned int flag) {
    const char *slash = strrchr(name, '/');
    if (flag != LA_SER_ORIG && hidden(slash ? slash + 1 : name)) return NULL;
    return (char *)name;
}
