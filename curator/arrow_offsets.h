/* An Arrow string array's offset, as the compiled accelerators read it (curator/protect/_hmac_native.c,
 * curator/check/_tokens_native.c): each is read once, then checked by its caller (in bounds, monotonic)
 * before the bytes it delimits are read. */
#ifndef CURATOR_ARROW_OFFSETS_H
#define CURATOR_ARROW_OFFSETS_H

#include <stdint.h>
#include <string.h>

static inline int64_t offset_at(const unsigned char *offsets, Py_ssize_t index, int width)
{
    if (width == 4) {
        int32_t value;
        memcpy(&value, offsets + index * 4, 4); /* Arrow buffers are aligned, numpy slices may not be */
        return value;
    }
    int64_t value;
    memcpy(&value, offsets + index * 8, 8);
    return value;
}

#endif
